import { withWebsiteStats } from "@/lib/auth/with-website-stats";
import { statsParams, vitalsQuerySchema } from "@/lib/schemas/stats";
import { statsSite, vitalsAnswer } from "@/lib/stats";

export const dynamic = "force-dynamic";

export const GET = withWebsiteStats(async (req, { website }) => Response.json(await vitalsAnswer(statsSite(website), vitalsQuerySchema.parse(statsParams(req.url)))));
