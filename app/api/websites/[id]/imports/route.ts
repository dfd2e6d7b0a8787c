import { withWebsite } from "@/lib/auth/with-website";
import { parseJson } from "@/lib/http/body";
import { startFileImport } from "@/lib/imports/analytics";
import { startGa4Import } from "@/lib/imports/ga4";
import { listImports } from "@/lib/imports/jobs";
import { readUpload } from "@/lib/imports/upload";
import { ga4ImportSchema } from "@/lib/schemas/imports";

export const dynamic = "force-dynamic";

export const GET = withWebsite("viewer", async (_req, { website }) => Response.json({ imports: await listImports(website._id, "analytics") }));

// A file (multipart: Plausible or Umami export) or a GA4 property (JSON).
export const POST = withWebsite("admin", async (req, { website, user }) => {
  const site = { id: String(website._id), timezone: website.timezone ?? "UTC" };
  const isJson = (req.headers.get("content-type") ?? "").includes("application/json");
  const started = isJson
    ? await startGa4Import(site, user.id, await parseJson(req, ga4ImportSchema))
    : await (async () => {
        const upload = await readUpload(req);
        return startFileImport(site, user.id, upload.source, upload.bytes);
      })();
  return Response.json(started, { status: 202 });
});
