import { withApiKey } from "@/lib/auth/with-api-key";
import { parseJson } from "@/lib/http/body";
import { identifyRequestSchema } from "@/lib/schemas/api-v1";
import { identifyVisitor } from "@/lib/visitors/identify-visitor";

export const POST = withApiKey(async (req, { website }) => {
  const input = await parseJson(req, identifyRequestSchema);
  return Response.json({ visitorId: input.visitorId, profile: await identifyVisitor(website.id, input) });
});
