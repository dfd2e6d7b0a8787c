"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api-client";
import { FormError } from "@/components/form-error";
import { Button } from "@/components/ui/button";
import { FormField } from "./form-field";

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    if (f.get("password") !== f.get("confirm")) return setError("The two passwords differ.");
    setPending(true);
    setError(null);
    const r = await apiFetch("/api/account/password-reset/confirm", { method: "POST", body: { token, password: f.get("password") } });
    setPending(false);
    if (!r.ok) return setError(r.message);
    router.push("/login?reset=1");
  }

  return (
    <form method="post" onSubmit={onSubmit} className="grid gap-4">
      <FormError message={error} />
      <FormField id="password" label="New password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters; the most common passwords are refused." />
      <FormField id="confirm" label="New password again" type="password" autoComplete="new-password" required minLength={10} />
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Set new password"}</Button>
    </form>
  );
}
