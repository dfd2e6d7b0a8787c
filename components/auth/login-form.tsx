"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { AlertCircle } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { credentialsSignIn } from "./credentials-sign-in";
import { FormField } from "./form-field";
import { OAuthButtons, type OAuthProvider } from "./oauth-buttons";

// next-auth sends OAuth failures back to the sign-in page as ?error=<code>.
const URL_ERRORS: Record<string, string> = {
  CredentialsSignin: "Invalid email or password",
  OAuthAccountNotLinked: "This email is already registered. Sign in the way you signed up.",
  AccessDenied: "Access denied.",
  SessionRequired: "Please sign in to continue.",
};

export function LoginForm({
  providers,
  callbackUrl,
  urlError,
}: {
  providers: OAuthProvider[];
  callbackUrl: string;
  urlError?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(
    urlError ? (URL_ERRORS[urlError] ?? "Sign-in failed. Please try again.") : null,
  );
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await credentialsSignIn(String(form.get("email") ?? "").trim(), String(form.get("password") ?? ""));
      if (!result.ok) return setError(result.message);
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
      {/* method="post": a click before hydration must not put the credentials in the URL. */}
      <form method="post" onSubmit={onSubmit} className="grid gap-4" noValidate>
        {error ? (
          <Alert variant="destructive">
            <AlertCircle />
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        ) : null}
        <FormField id="email" label="Email" type="email" autoComplete="email" required placeholder="you@example.com" />
        <FormField id="password" label="Password" type="password" autoComplete="current-password" required />
        <Link href="/forgot-password" className="-mt-2 justify-self-end text-xs text-muted-foreground underline-offset-4 hover:text-foreground hover:underline">
          Forgot password?
        </Link>
        <Button type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </>
  );
}
