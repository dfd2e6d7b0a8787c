import { withTeam } from "@/lib/auth/with-team";
import { parseJson } from "@/lib/http/body";
import { updateTeamSchema } from "@/lib/schemas/teams";
import { deleteTeam, renameTeam, serializeTeam } from "@/lib/teams/teams";

export const GET = withTeam("viewer", async (_req, { team, role }) => Response.json({ team: serializeTeam(team, role) }));

export const PATCH = withTeam("owner", async (req, { team, role, user }) => {
  const { name } = await parseJson(req, updateTeamSchema);
  return Response.json({ team: await renameTeam(team, role, user, name) });
});

export const DELETE = withTeam("owner", async (_req, { team }) => {
  await deleteTeam(team);
  return new Response(null, { status: 204 });
});
