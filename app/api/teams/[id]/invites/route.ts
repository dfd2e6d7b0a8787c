import { requestIp, takeLimit } from "@/lib/auth/rate-limits";
import { withTeam } from "@/lib/auth/with-team";
import { parseJson } from "@/lib/http/body";
import { createInviteSchema } from "@/lib/schemas/teams";
import { createInvite, listInvites } from "@/lib/teams/invites";

export const GET = withTeam("admin", async (_req, { team }) => Response.json({ invites: await listInvites(team._id) }));

export const POST = withTeam("owner", async (req, { team, user }) => {
  takeLimit("invite-ip", requestIp(req));
  takeLimit("invite-account", user.id);
  const invite = await createInvite(team, user, await parseJson(req, createInviteSchema));
  return Response.json(invite, { status: 201 });
});
