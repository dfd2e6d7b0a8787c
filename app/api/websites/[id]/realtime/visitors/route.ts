import { withWebsiteStats } from "@/lib/auth/with-website-stats";
import { getLiveVisitors } from "@/lib/visitors/get-live-visitors";

export const dynamic = "force-dynamic";

export const GET = withWebsiteStats(async (_req, { website }) => Response.json(await getLiveVisitors(String(website._id))));
