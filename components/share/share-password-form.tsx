"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Lock } from "lucide-react";
import { apiFetch } from "@/components/api-client";
import { LogoMark } from "@/components/logo";
import { FormError } from "@/components/form-error";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A password-protected link asks first; the answer is remembered in a cookie scoped to this link. */
export function SharePasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const password = String(new FormData(e.currentTarget).get("password") ?? "");
    const r = await apiFetch(`/api/share/${token}/unlock`, { method: "POST", body: { password } });
    setPending(false);
    if (!r.ok) return setError(r.message);
    router.refresh();
  }

  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-10">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <div className="mb-2 flex size-10 items-center justify-center rounded-full bg-brand-soft text-brand">
            <Lock className="size-5" />
          </div>
          <CardTitle className="text-xl">This dashboard is protected</CardTitle>
          <CardDescription>Enter the password you were given with the link.</CardDescription>
        </CardHeader>
        <CardContent>
          <form method="post" onSubmit={onSubmit} className="grid gap-4">
            <FormError message={error} />
            <div className="grid gap-2">
              <Label htmlFor="share-password">Password</Label>
              <Input id="share-password" name="password" type="password" autoComplete="current-password" required autoFocus />
            </div>
            <Button type="submit" disabled={pending}>
              {pending ? "Checking…" : "View dashboard"}
            </Button>
            <p className="flex items-center justify-center gap-1.5 text-xs text-muted-foreground">
              <LogoMark className="size-4" /> Shared with Trailmark
            </p>
          </form>
        </CardContent>
      </Card>
    </main>
  );
}
