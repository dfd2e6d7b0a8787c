import { withApiKey } from "@/lib/auth/with-api-key";
import { exportQuerySchema, parseQuery } from "@/lib/schemas/api-v1";
import { exportEventsCsv } from "@/lib/visitors/export-events";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async (req, { website }) => {
  const query = parseQuery(req.url, exportQuerySchema);
  return new Response(exportEventsCsv(website, query), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="trailmark-${website.id}-${query.type}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
