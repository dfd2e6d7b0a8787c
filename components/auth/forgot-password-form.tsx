"use client";

import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { FormError } from "@/components/form-error";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "./form-field";

export function ForgotPasswordForm() {
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get("email") ?? "").trim();
    setPending(true);
    setError(null);
    const r = await apiFetch("/api/account/password-reset", { method: "POST", body: { email } });
    setPending(false);
    if (!r.ok) return setError(r.message);
    setSent(email);
  }

  if (sent) {
    return (
      <Alert variant="success" data-testid="reset-sent">
        <AlertDescription>If {sent} has an account, a link to reset its password is on its way. Check your inbox.</AlertDescription>
      </Alert>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} className="grid gap-4">
      <FormError message={error} />
      <FormField id="email" label="Email" type="email" autoComplete="email" required placeholder="you@example.com" />
      <Button type="submit" disabled={pending}>{pending ? "Sending…" : "Send reset link"}</Button>
    </form>
  );
}
