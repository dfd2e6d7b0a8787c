import Link from "next/link";
import { ShieldAlert } from "lucide-react";
import { Button } from "@/components/ui/button";

/** A member whose role does not allow the page (a viewer opening settings). Answered with 403. */
export default function Forbidden() {
  return (
    <main className="flex min-h-[60dvh] flex-col items-center justify-center gap-4 px-4 text-center">
      <ShieldAlert className="size-10 text-muted-foreground" />
      <h1 className="text-2xl font-semibold tracking-tight">You don&apos;t have access to this page</h1>
      <p className="max-w-sm text-sm text-muted-foreground">
        Your role in this site&apos;s team does not include it. Ask a team owner or admin if you need it.
      </p>
      <Button asChild>
        <Link href="/dashboard">Your sites</Link>
      </Button>
    </main>
  );
}
