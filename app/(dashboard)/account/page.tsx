import type { Metadata } from "next";
import { requireUser } from "@/components/dashboard/require-user";
import { AccountSettings } from "@/components/account/account-settings";

export const metadata: Metadata = { title: "Account" };

const NOTICES: Record<string, { kind: "success" | "error"; message: string }> = {
  verified: { kind: "success", message: "Your email address is confirmed." },
  email_changed: { kind: "success", message: "Your email address is changed." },
  email_taken: { kind: "error", message: "Another account uses that address now; your address did not change." },
  invalid: { kind: "error", message: "That link is unknown, used or expired. Ask for a new one." },
};

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const user = await requireUser("/account");
  const { email } = await searchParams;
  const notice = typeof email === "string" ? (NOTICES[email] ?? null) : null;
  return <AccountSettings user={{ name: user.name, email: user.email, emailVerified: user.emailVerified, hasPassword: user.hasPassword }} notice={notice} />;
}
