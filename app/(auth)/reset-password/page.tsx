import type { Metadata } from "next";
import Link from "next/link";
import { accountTokenUsable } from "@/lib/accounts/account-tokens";
import { AuthShell } from "@/components/auth/auth-shell";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", robots: { index: false } };

// Opening the link only shows the form (mail scanners follow links); the token is used when the form is sent.
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const usable = typeof token === "string" && (await accountTokenUsable(token, "reset_password"));
  return (
    <AuthShell
      title={usable ? "Choose a new password" : "This link no longer works"}
      description={usable ? "Every device signed in to your account is signed out." : "Reset links work once and for one hour."}
      footer={
        <Link href={usable ? "/login" : "/forgot-password"} className="font-medium text-foreground underline-offset-4 hover:underline">
          {usable ? "Back to sign in" : "Ask for a new link"}
        </Link>
      }
    >
      {usable ? <ResetPasswordForm token={token} /> : null}
    </AuthShell>
  );
}
