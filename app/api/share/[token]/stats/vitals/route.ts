import { withShare } from "@/lib/auth/with-share";
import { statsParams, vitalsQuerySchema } from "@/lib/schemas/stats";
import { statsSite, vitalsAnswer } from "@/lib/stats";

export const dynamic = "force-dynamic";

// Page loads' percentiles only, as the team sees them: nothing about a visitor.
export const GET = withShare(async (req, { shared }) => Response.json(await vitalsAnswer(statsSite(shared.website), vitalsQuerySchema.parse(statsParams(req.url)))));
