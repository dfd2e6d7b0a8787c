import { withApiKey } from "@/lib/auth/with-api-key";
import { eraseVisitor } from "@/lib/privacy/erase-visitor";
import { eraseVisitorsQuerySchema, listVisitorsQuerySchema, parseQuery } from "@/lib/schemas/api-v1";
import { listVisitors } from "@/lib/visitors/list-visitors";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async (req, { website }) => Response.json(await listVisitors(website, parseQuery(req.url, listVisitorsQuerySchema))));

export const DELETE = withApiKey(async (req, { website }) => {
  const q = parseQuery(req.url, eraseVisitorsQuerySchema);
  await eraseVisitor(website.id, q.userId !== undefined ? { userId: q.userId } : { email: q.email! });
  return new Response(null, { status: 204 });
});
