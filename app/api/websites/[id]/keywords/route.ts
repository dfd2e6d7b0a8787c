import { withWebsiteStats } from "@/lib/auth/with-website-stats";
import { getKeywords } from "@/lib/integrations/search-console/get-keywords";
import { keywordsQuerySchema } from "@/lib/schemas/integrations";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Search Console queries joined with visitors and revenue by landing page; default: the last 28 days. */
export const GET = withWebsiteStats(async (req, { website }) => {
  const q = keywordsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const to = q.to ?? day(new Date());
  const from = q.from ?? day(new Date(Date.parse(`${to}T00:00:00Z`) - 27 * 86_400_000));
  return Response.json({ from, to, currency: website.currency ?? "USD", rows: await getKeywords(website, from, to, q.limit) });
});
