import { withWebsite } from "@/lib/auth/with-website";
import { parseJson } from "@/lib/http/body";
import { getIntegrations, updateIntegrations } from "@/lib/integrations/settings";
import { updateIntegrationsSchema } from "@/lib/schemas/integrations";

export const GET = withWebsite("admin", async (_req, { website }) => Response.json({ integrations: await getIntegrations(website) }));

export const PATCH = withWebsite("admin", async (req, { website, user }) => {
  const input = await parseJson(req, updateIntegrationsSchema);
  return Response.json({ integrations: await updateIntegrations(website, input, user) });
});
