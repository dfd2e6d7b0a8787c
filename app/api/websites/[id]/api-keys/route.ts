import { withWebsite } from "@/lib/auth/with-website";
import { parseJson } from "@/lib/http/body";
import { createApiKeySchema } from "@/lib/schemas/website";
import { createApiKey, listApiKeys } from "@/lib/websites/api-keys";

export const GET = withWebsite(async (_req, { website }) => Response.json({ apiKeys: await listApiKeys(website) }));

export const POST = withWebsite(async (req, { website }) => {
  const { name } = await parseJson(req, createApiKeySchema);
  return Response.json(await createApiKey(website, name), { status: 201 });
});
