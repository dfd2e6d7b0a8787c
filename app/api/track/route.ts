import { toErrorResponse } from "@/lib/http/errors";
import { readLimitedText } from "@/lib/http/limited-body";
import { parsePixelQuery, parseTrackBody } from "@/lib/ingest/parse";
import { ingest } from "@/lib/ingest/pipeline";
import { socketIpOf } from "@/lib/ingest/socket-ip";
import { accepted, CORS_HEADERS, pixel } from "@/lib/ingest/track-response";

export const dynamic = "force-dynamic";

const MAX_BODY = 16 * 1024;

export function OPTIONS() {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}

export async function POST(req: Request) {
  try {
    const event = parseTrackBody(await readLimitedText(req, MAX_BODY));
    return accepted(await ingest({ event, headers: req.headers, socketIp: socketIpOf(req) }));
  } catch (err) {
    const res = toErrorResponse(err);
    for (const [k, v] of Object.entries(CORS_HEADERS)) res.headers.set(k, v);
    return res;
  }
}

/** The pixel answers a GIF whatever happens: an <img> cannot show an error anyway. */
export async function GET(req: Request) {
  try {
    const event = parsePixelQuery(new URL(req.url).searchParams);
    return pixel(await ingest({ event, headers: req.headers, socketIp: socketIpOf(req) }));
  } catch {
    return pixel();
  }
}

