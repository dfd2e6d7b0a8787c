import { toErrorResponse } from "@/lib/http/errors";
import { readLimitedText } from "@/lib/http/limited-body";
import { MAX_TRACK_BODY, parsePixelQuery, parseTrackBody } from "@/lib/ingest/parse";
import { ingest } from "@/lib/ingest/pipeline";
import { socketIpOf } from "@/lib/ingest/socket-ip";
import { acceptedReply, errorHeaders, pixelReply, preflightReply, toResponse } from "@/lib/ingest/track-response";

// `npm start` answers /api/track before Next.js sees it (scripts/server.mjs and
// lib/ingest/node-handler.ts, the same steps without the framework's overhead);
// this route serves `next dev` and hosts that run Next.js by itself.
export const dynamic = "force-dynamic";

export function OPTIONS() {
  return toResponse(preflightReply());
}

export async function POST(req: Request) {
  try {
    const event = parseTrackBody(await readLimitedText(req, MAX_TRACK_BODY));
    return toResponse(acceptedReply(await ingest({ event, headers: req.headers, socketIp: socketIpOf(req) })));
  } catch (err) {
    const res = toErrorResponse(err);
    for (const [k, v] of Object.entries(errorHeaders(res.status))) res.headers.set(k, v);
    return res;
  }
}

/** The pixel answers a GIF whatever happens: an <img> cannot show an error anyway. */
export async function GET(req: Request) {
  try {
    const event = parsePixelQuery(new URL(req.url).searchParams);
    return toResponse(pixelReply(await ingest({ event, headers: req.headers, socketIp: socketIpOf(req) })));
  } catch {
    return toResponse(pixelReply());
  }
}
