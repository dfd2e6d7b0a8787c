import { withWebsite } from "@/lib/auth/with-website";
import { exportQuerySchema, parseQuery } from "@/lib/schemas/api-v1";
import { exportEventsCsv } from "@/lib/visitors/export-events";

export const dynamic = "force-dynamic";

// The dashboard's download of raw events: the same CSV as GET /api/v1/export,
// behind the session instead of an API key.
export const GET = withWebsite("viewer", async (req, { website }) => {
  const query = parseQuery(req.url, exportQuerySchema);
  const site = { id: String(website._id), timezone: website.timezone ?? "UTC", currency: website.currency ?? "USD" };
  return new Response(exportEventsCsv(site, query), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="trailmark-${website.domain}-${query.type}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
