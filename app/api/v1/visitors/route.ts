import { withApiKey } from "@/lib/auth/with-api-key";
import { listVisitorsQuerySchema, parseQuery } from "@/lib/schemas/api-v1";
import { listVisitors } from "@/lib/visitors/list-visitors";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async (req, { website }) => Response.json(await listVisitors(website, parseQuery(req.url, listVisitorsQuerySchema))));
