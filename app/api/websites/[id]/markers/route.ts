import { withWebsite } from "@/lib/auth/with-website";
import { getMarkers } from "@/lib/integrations/markers";
import { markersQuerySchema } from "@/lib/schemas/integrations";

/** X mentions and GitHub commits for the chart's markers; default: the last 30 days. */
export const GET = withWebsite(async (req, { website }) => {
  const q = markersQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const to = q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000) : new Date();
  const from = q.from ? new Date(`${q.from}T00:00:00Z`) : new Date(to.getTime() - 30 * 86_400_000);
  return Response.json(await getMarkers(website._id, from, to));
});
