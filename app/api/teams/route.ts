import { withSession } from "@/lib/auth/with-session";
import { parseJson } from "@/lib/http/body";
import { createTeamSchema } from "@/lib/schemas/teams";
import { createTeam, listTeams } from "@/lib/teams/teams";

export const GET = withSession(async (_req, { user }) => Response.json({ teams: await listTeams(user.id) }));

export const POST = withSession(async (req, { user }) => {
  const { name } = await parseJson(req, createTeamSchema);
  return Response.json({ team: await createTeam(user, name) }, { status: 201 });
});
