import { redirect } from "next/navigation";
import { currentUser } from "@/components/dashboard/require-user";
import { TopBar } from "@/components/dashboard/top-bar";
import { VerifyBanner } from "@/components/dashboard/verify-banner";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  // A layout is not told the path; each page's requireUser() sends the exact one.
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent("/dashboard")}`);
  return (
    <div className="flex min-h-dvh flex-col bg-muted/30">
      <TopBar user={user} />
      {user.emailVerified ? null : <VerifyBanner email={user.email} />}
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
}
