import { z } from "zod";
import { badgeSvg } from "@/lib/badge/svg";
import { connectDb } from "@/lib/db";
import { errorResponse, toErrorResponse } from "@/lib/http/errors";
import { getPageViews } from "@/lib/stats/get-page-views";
import { Website } from "@/models/Website";

export const dynamic = "force-dynamic";

const querySchema = z.object({ page: z.string().startsWith("/", "page must be a path starting with /").max(2000).optional() });
// Public and embeddable anywhere (READMEs, other sites), so any origin may read it.
const cors = { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=60" };

/**
 * GET /api/badge/{websiteId}[.svg]?page=/path: a page's (or the site's)
 * pageview count, as JSON or an SVG badge. Only for a website whose owner
 * turned on settings.publicBadge; any other id is the same 404, so a private
 * site cannot be told from a missing one.
 */
export async function GET(req: Request, ctx: { params: Promise<{ websiteId: string }> }): Promise<Response> {
  try {
    const raw = (await ctx.params).websiteId;
    const svg = raw.endsWith(".svg");
    const id = raw.replace(/\.(svg|json)$/, "");
    const { page } = querySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    await connectDb();
    const site = /^[a-f0-9]{24}$/.test(id) ? await Website.findById(id, { settings: 1, deletedAt: 1 }).lean() : null;
    if (!site || site.deletedAt || !site.settings?.publicBadge) return errorResponse(404, "not_found", "No public badge for this website", cors);
    const views = await getPageViews(id, page);
    if (svg) return new Response(badgeSvg("views", views), { headers: { ...cors, "Content-Type": "image/svg+xml; charset=utf-8" } });
    return Response.json({ websiteId: id, page: page ?? null, views }, { headers: cors });
  } catch (err) {
    return toErrorResponse(err);
  }
}
