import { withSession } from "@/lib/auth/with-session";
import { parseJson } from "@/lib/http/body";
import { createWebsiteSchema } from "@/lib/schemas/website";
import { createWebsite, listWebsites } from "@/lib/websites/service";

export const GET = withSession(async (_req, { user }) => Response.json({ websites: await listWebsites(user.id) }));

export const POST = withSession(async (req, { user }) => {
  const website = await createWebsite(user.id, await parseJson(req, createWebsiteSchema));
  return Response.json({ website }, { status: 201 });
});
