import { withWebsite } from "@/lib/auth/with-website";
import { createFunnel, listFunnels } from "@/lib/funnels/funnels";
import { parseJson } from "@/lib/http/body";
import { createFunnelSchema } from "@/lib/schemas/goals";

export const GET = withWebsite("viewer", async (_req, { website }) => Response.json({ funnels: await listFunnels(String(website._id)) }));

export const POST = withWebsite("admin", async (req, { website }) => {
  const input = await parseJson(req, createFunnelSchema);
  return Response.json({ funnel: await createFunnel(String(website._id), input) }, { status: 201 });
});
