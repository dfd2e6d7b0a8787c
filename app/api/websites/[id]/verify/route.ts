import { takeLimit } from "@/lib/auth/rate-limits";
import { withWebsite } from "@/lib/auth/with-website";
import { parseJson } from "@/lib/http/body";
import { publicOrigin } from "@/lib/http/public-origin";
import { verifyInstallation, verifyInstallSchema } from "@/lib/install/verify";

export const dynamic = "force-dynamic";

/** Reads the site's page from this server and reports on its tag (see lib/install). */
export const POST = withWebsite("admin", async (req, { website }) => {
  const { url } = await parseJson(req, verifyInstallSchema);
  takeLimit("install-check", String(website._id));
  const site = { id: String(website._id), domain: website.domain, allowedHostnames: website.settings?.allowedHostnames ?? [] };
  return Response.json(await verifyInstallation(site, url, publicOrigin(req.headers)));
});
