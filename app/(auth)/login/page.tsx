import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { configuredOAuthProviders } from "@/lib/auth/providers";
import { AuthShell } from "@/components/auth/auth-shell";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackUrl } from "@/components/auth/safe-callback";

export const metadata: Metadata = { title: "Log in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const error = typeof params.error === "string" ? params.error : undefined;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // Already signed in (a bookmarked login link): go straight on.
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <AuthShell
      title="Welcome back"
      description="Sign in to your Trailmark account."
      footer={
        <>
          No account yet?{" "}
          <Link href={callbackUrl === "/dashboard" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-foreground underline-offset-4 hover:underline">
            Sign up
          </Link>
        </>
      }
    >
      {params.reset === "1" ? <p className="rounded-md border border-success/30 bg-success/5 px-3 py-2 text-sm" role="status">Your password is changed. Sign in with it.</p> : null}
      <LoginForm providers={configuredOAuthProviders()} callbackUrl={callbackUrl} urlError={error} />
    </AuthShell>
  );
}
