"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { AlertCircle } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "./form-field";
import { OAuthButtons, type OAuthProvider } from "./oauth-buttons";

const MIN_PASSWORD = 8;

type ApiError = { error?: { code?: string; message?: string } };

export function SignupForm({ providers }: { providers: OAuthProvider[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!name) return setError("Please enter your name.");
    if (!email) return setError("Please enter your email.");
    if (password.length < MIN_PASSWORD) return setError(`Password must be at least ${MIN_PASSWORD} characters.`);

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
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result?.ok || result.error) {
        // The account exists now; let the person sign in by hand rather than sign up twice.
        router.push("/login");
        return;
      }
      router.push("/dashboard");
      router.refresh();
    } catch {
      setError("Could not reach the server. Please try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <OAuthButtons providers={providers} callbackUrl="/dashboard" />
      <form onSubmit={onSubmit} className="grid gap-4" noValidate>
        {error ? (
          <Alert variant="destructive">
            <AlertCircle />
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        ) : null}
        <FormField id="name" label="Name" autoComplete="name" required placeholder="Ada Lovelace" />
        <FormField id="email" label="Email" type="email" autoComplete="email" required placeholder="you@example.com" />
        <FormField
          id="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD}
          hint={`At least ${MIN_PASSWORD} characters.`}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating account…" : "Create account"}
        </Button>
      </form>
    </>
  );
}
