import { withWebsite } from "@/lib/auth/with-website";
import { parseJson } from "@/lib/http/body";
import { updateWebsiteSchema } from "@/lib/schemas/website";
import { deleteWebsite, serializeWebsite, updateWebsite } from "@/lib/websites/service";

export const GET = withWebsite(async (_req, { website }) => Response.json({ website: serializeWebsite(website) }));

export const PATCH = withWebsite(async (req, { website }) =>
  Response.json({ website: await updateWebsite(website, await parseJson(req, updateWebsiteSchema)) }),
);

export const DELETE = withWebsite(async (_req, { website }) => {
  await deleteWebsite(website);
  return new Response(null, { status: 204 });
});
