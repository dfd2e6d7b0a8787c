"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { AlertCircle } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { credentialsSignIn } from "./credentials-sign-in";
import { FormField } from "./form-field";
import { OAuthButtons, type OAuthProvider } from "./oauth-buttons";

const MIN_PASSWORD = 10;

type ApiError = { error?: { code?: string; message?: string } };

/** `callbackUrl`: where to go once signed up (an invitation's page); `email`: prefilled (the invited address). */
export function SignupForm({ providers, callbackUrl = "/dashboard", email: invited }: { providers: OAuthProvider[]; callbackUrl?: string; email?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!name) return setError("Please enter your name.");
    if (!email) return setError("Please enter your email.");
    if (password.length < MIN_PASSWORD) return setError(`Password must be at least ${MIN_PASSWORD} characters.`);
    if (!password.trim()) return setError("Password must not be only spaces.");

    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/signup", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password, name }),
      });
      if (res.status !== 201) {
        const body = (await res.json().catch(() => ({}))) as ApiError;
        setError(body.error?.message ?? "Sign-up failed. Please try again.");
        return;
      }
      const result = await credentialsSignIn(email, password);
      if (!result.ok) {
        // Sign-up answers alike whether or not the address had an account (that one got a mail instead):
        // the person is told to look there, and can sign in by hand.
        setNotice(`If ${email} already had an account, we mailed it instead of creating one. Check your inbox, or sign in.`);
        return;
      }
      router.push(callbackUrl);
      router.refresh();
    } catch {
      setError("Could not reach the server. Please try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <OAuthButtons providers={providers} callbackUrl={callbackUrl} />
      <form method="post" onSubmit={onSubmit} className="grid gap-4" noValidate>
        {error ? (
          <Alert variant="destructive">
            <AlertCircle />
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        ) : null}
        <FormField id="name" label="Name" autoComplete="name" required placeholder="Ada Lovelace" />
        {notice ? (
          <Alert>
            <AlertDescription>{notice}</AlertDescription>
          </Alert>
        ) : null}
        <FormField id="email" label="Email" type="email" autoComplete="email" required placeholder="you@example.com" defaultValue={invited} />
        <FormField
          id="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD}
          hint={`At least ${MIN_PASSWORD} characters; the most common passwords are refused.`}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating account…" : "Create account"}
        </Button>
      </form>
    </>
  );
}
