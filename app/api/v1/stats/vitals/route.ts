import { withApiKey } from "@/lib/auth/with-api-key";
import { statsParams, vitalsQuerySchema } from "@/lib/schemas/stats";
import { vitalsAnswer } from "@/lib/stats";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async (req, { website }) => Response.json(await vitalsAnswer(website, vitalsQuerySchema.parse(statsParams(req.url)))));
