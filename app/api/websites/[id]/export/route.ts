import { withWebsite } from "@/lib/auth/with-website";
import { toStream } from "@/lib/http/zip";
import { exportRowCounts, siteExportZip } from "@/lib/privacy/site-export";
import { exportQuerySchema, parseQuery, siteExportQuerySchema } from "@/lib/schemas/api-v1";
import { exportEventsCsv } from "@/lib/visitors/export-events";

export const dynamic = "force-dynamic";

// The dashboard's downloads: the raw events CSV (the same as GET /api/v1/export,
// behind the session), or with format=zip the whole site as a zip of CSV files.
export const GET = withWebsite("viewer", async (req, { website }) => {
  const site = { id: String(website._id), timezone: website.timezone ?? "UTC", currency: website.currency ?? "USD" };
  if (new URL(req.url).searchParams.has("format")) {
    const range = parseQuery(req.url, siteExportQuerySchema);
    const counts = await exportRowCounts(site, range);
    return new Response(toStream(siteExportZip(site, range)), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="trailmark-${website.domain}.zip"`,
        "Cache-Control": "no-store",
        // Rows the four files will hold: a client can show progress against it (the zip's length is not known up front).
        "X-Trailmark-Export-Rows": String(Object.values(counts).reduce((a, b) => a + b, 0)),
      },
    });
  }
  const query = parseQuery(req.url, exportQuerySchema);
  return new Response(exportEventsCsv(site, query), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="trailmark-${website.domain}-${query.type}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
