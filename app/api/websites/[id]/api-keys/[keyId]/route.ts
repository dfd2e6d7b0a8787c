import { withWebsite } from "@/lib/auth/with-website";
import { revokeApiKey } from "@/lib/websites/api-keys";

export const DELETE = withWebsite<{ id: string; keyId: string }>(async (_req, { website, params }) => {
  await revokeApiKey(website, params.keyId);
  return new Response(null, { status: 204 });
});
