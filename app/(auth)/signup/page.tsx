import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { configuredOAuthProviders } from "@/lib/auth/providers";
import { AuthShell } from "@/components/auth/auth-shell";
import { safeCallbackUrl } from "@/components/auth/safe-callback";
import { SignupForm } from "@/components/auth/signup-form";

export const metadata: Metadata = { title: "Sign up" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignupPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // Reading the session also keeps this page dynamic, so the OAuth buttons follow
  // the runtime environment rather than the one at build time.
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <AuthShell
      title="Create your account"
      description="Start measuring visitors and the revenue they bring."
      footer={
        <>
          Already have an account?{" "}
          <Link href={`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-foreground underline-offset-4 hover:underline">
            Log in
          </Link>
        </>
      }
    >
      <SignupForm providers={configuredOAuthProviders()} callbackUrl={callbackUrl} email={typeof params.email === "string" ? params.email : undefined} />
    </AuthShell>
  );
}
