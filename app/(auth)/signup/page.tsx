import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { configuredOAuthProviders } from "@/lib/auth/providers";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignupForm } from "@/components/auth/signup-form";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignupPage() {
  // Reading the session also keeps this page dynamic, so the OAuth buttons follow
  // the runtime environment rather than the one at build time.
  if (await getCurrentUser()) redirect("/dashboard");
  return (
    <AuthShell
      title="Create your account"
      description="Start measuring visitors and the revenue they bring."
      footer={
        <>
          Already have an account?{" "}
          <Link href="/login" className="font-medium text-foreground underline-offset-4 hover:underline">
            Log in
          </Link>
        </>
      }
    >
      <SignupForm providers={configuredOAuthProviders()} />
    </AuthShell>
  );
}
