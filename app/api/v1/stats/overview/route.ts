import { withApiKey } from "@/lib/auth/with-api-key";
import { overviewQuerySchema, statsParams } from "@/lib/schemas/stats";
import { publicOverview } from "@/lib/stats";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async (req, { website }) => Response.json(await publicOverview(website, overviewQuerySchema.parse(statsParams(req.url)))));
