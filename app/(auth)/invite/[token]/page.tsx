import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/current-user";
import { previewInvite } from "@/lib/teams/invites";
import { withArticle } from "@/lib/teams/role-names";
import { AuthShell } from "@/components/auth/auth-shell";
import { AcceptInvite } from "@/components/teams/accept-invite";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Invitation", robots: { index: false } };

/** An invitation link: sign up or sign in with the invited address, then accept. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, user] = await Promise.all([previewInvite(token), getCurrentUser()]);
  const back = (
    <Link href="/dashboard" className="font-medium text-foreground underline-offset-4 hover:underline">
      Go to Trailmark
    </Link>
  );
  if (!invite) {
    return <AuthShell title="This invitation does not work" description="It is unknown, was used already, was revoked, or expired (invitations last 7 days). Ask for a new one." footer={back}>{null}</AuthShell>;
  }
  const here = `/invite/${token}`;
  return (
    <AuthShell
      title={`Join ${invite.teamName}`}
      description={`${invite.invitedBy} invited ${invite.email} to the team as ${withArticle(invite.role)}.`}
      footer={back}
    >
      {!user ? (
        <div className="grid gap-2">
          <Button asChild>
            <Link href={`/signup?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invite.email)}`}>Create an account</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href={`/login?callbackUrl=${encodeURIComponent(here)}`}>I have an account: sign in</Link>
          </Button>
        </div>
      ) : user.email !== invite.email ? (
        <p className="text-sm text-muted-foreground">
          You are signed in as <strong className="text-foreground">{user.email}</strong>. This invitation is for <strong className="text-foreground">{invite.email}</strong>: sign out, then sign in or sign up with that address.
        </p>
      ) : (
        <AcceptInvite token={token} />
      )}
    </AuthShell>
  );
}
