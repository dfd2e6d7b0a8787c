import { withApiKey } from "@/lib/auth/with-api-key";
import { breakdownQuerySchema, statsParams } from "@/lib/schemas/stats";
import { publicBreakdown } from "@/lib/stats";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async (req, { website }) => Response.json(await publicBreakdown(website, breakdownQuerySchema.parse(statsParams(req.url)))));
