import { withTeam } from "@/lib/auth/with-team";
import { parseJson } from "@/lib/http/body";
import { memberRoleSchema } from "@/lib/schemas/teams";
import { changeRole, removeMember } from "@/lib/teams/members";

type Params = { id: string; userId: string };

export const PATCH = withTeam<Params>("owner", async (req, { team, user, params }) => {
  const { role } = await parseJson(req, memberRoleSchema);
  return Response.json({ member: await changeRole(team, user, params.userId, role) });
});

// Anyone may leave a team; removing someone else takes an owner.
export const DELETE = withTeam<Params>(
  ({ user, params }) => (params.userId === user.id ? "viewer" : "owner"),
  async (_req, { team, user, params }) => {
    await removeMember(team, user, params.userId);
    return new Response(null, { status: 204 });
  },
);
