"use client";

import { signOut } from "next-auth/react";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  return (
    <Button variant="ghost" size="sm" onClick={() => void signOut({ callbackUrl: "/" })} aria-label="Sign out">
      <LogOut />
      <span className="hidden sm:inline">Sign out</span>
    </Button>
  );
}
