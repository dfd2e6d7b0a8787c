import { withApiKey } from "@/lib/auth/with-api-key";
import { timeseriesQuerySchema, statsParams } from "@/lib/schemas/stats";
import { publicTimeseries } from "@/lib/stats";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async (req, { website }) => Response.json(await publicTimeseries(website, timeseriesQuerySchema.parse(statsParams(req.url)))));
