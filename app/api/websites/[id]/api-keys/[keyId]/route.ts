import { withWebsite } from "@/lib/auth/with-website";
import { revokeApiKey } from "@/lib/websites/api-keys";

export const DELETE = withWebsite<{ id: string; keyId: string }>("admin", async (_req, { website, user, params }) => {
  await revokeApiKey(website, user, params.keyId);
  return new Response(null, { status: 204 });
});
