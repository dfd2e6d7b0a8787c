import { withWebsite } from "@/lib/auth/with-website";
import { deleteFunnel } from "@/lib/funnels/funnels";

export const DELETE = withWebsite<{ id: string; funnelId: string }>("admin", async (_req, { website, params }) => {
  await deleteFunnel(String(website._id), params.funnelId);
  return new Response(null, { status: 204 });
});
