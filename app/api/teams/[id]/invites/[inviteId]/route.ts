import { withTeam } from "@/lib/auth/with-team";
import { revokeInvite } from "@/lib/teams/invites";

export const DELETE = withTeam<{ id: string; inviteId: string }>("owner", async (_req, { team, user, params }) => {
  await revokeInvite(team, user, params.inviteId);
  return new Response(null, { status: 204 });
});
