import { withWebsite } from "@/lib/auth/with-website";
import { parseJson } from "@/lib/http/body";
import { createApiKeySchema } from "@/lib/schemas/website";
import { createApiKey, listApiKeys } from "@/lib/websites/api-keys";

export const GET = withWebsite("admin", async (_req, { website }) => Response.json({ apiKeys: await listApiKeys(website) }));

export const POST = withWebsite("admin", async (req, { website, user }) => {
  // The name is optional, so a bare POST with no body is fine too.
  const hasBody = req.headers.get("content-length") !== "0" && req.headers.has("content-type");
  const { name } = hasBody ? await parseJson(req, createApiKeySchema) : { name: undefined };
  return Response.json(await createApiKey(website, user, name), { status: 201 });
});
