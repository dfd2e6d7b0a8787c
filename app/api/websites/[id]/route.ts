import { authorizeTeam } from "@/lib/auth/access";
import { withWebsite } from "@/lib/auth/with-website";
import { parseJson } from "@/lib/http/body";
import { updateWebsiteSchema } from "@/lib/schemas/website";
import { audit } from "@/lib/teams/audit";
import { deleteWebsite, serializeWebsite, updateWebsite } from "@/lib/websites/service";

export const GET = withWebsite("viewer", async (_req, { website, role }) => Response.json({ website: serializeWebsite(website, role) }));

export const PATCH = withWebsite("admin", async (req, { website, role, user }) => {
  const input = await parseJson(req, updateWebsiteSchema);
  // Moving the site needs the admin role in the team it goes to as well.
  const target = input.teamId ? await authorizeTeam(user.id, input.teamId, "admin") : undefined;
  return Response.json({ website: await updateWebsite(website, role, input, user, target) });
});

export const DELETE = withWebsite("admin", async (_req, { website, user }) => {
  await deleteWebsite(website);
  // By domain only: nothing may point at the deleted site any more.
  await audit(website.teamId, user, "site.deleted", { target: website.domain });
  return new Response(null, { status: 204 });
});
