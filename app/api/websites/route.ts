import { authorizeTeam } from "@/lib/auth/access";
import { withSession } from "@/lib/auth/with-session";
import { parseJson } from "@/lib/http/body";
import { createWebsiteSchema } from "@/lib/schemas/website";
import { personalTeamId } from "@/lib/teams/personal";
import { createWebsite, listWebsites } from "@/lib/websites/service";

export const GET = withSession(async (_req, { user }) => Response.json({ websites: await listWebsites(user.id) }));

export const POST = withSession(async (req, { user }) => {
  const input = await parseJson(req, createWebsiteSchema);
  const { team, role } = await authorizeTeam(user.id, input.teamId ?? String(personalTeamId(user.id)), "admin");
  const website = await createWebsite(user, String(team._id), role, input);
  return Response.json({ website }, { status: 201 });
});
