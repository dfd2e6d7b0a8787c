import { withWebsite } from "@/lib/auth/with-website";
import { revokeShare } from "@/lib/shares/shares";

export const DELETE = withWebsite<{ id: string; shareId: string }>("admin", async (_req, { website, user, params }) => {
  await revokeShare(website, user, params.shareId);
  return new Response(null, { status: 204 });
});
