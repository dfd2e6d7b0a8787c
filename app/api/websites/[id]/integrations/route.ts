import { withWebsite } from "@/lib/auth/with-website";
import { parseJson } from "@/lib/http/body";
import { getIntegrations, updateIntegrations } from "@/lib/integrations/settings";
import { updateIntegrationsSchema } from "@/lib/schemas/integrations";

export const GET = withWebsite(async (_req, { website }) => Response.json({ integrations: await getIntegrations(website) }));

export const PATCH = withWebsite(async (req, { website }) => {
  const input = await parseJson(req, updateIntegrationsSchema);
  return Response.json({ integrations: await updateIntegrations(website, input) });
});
