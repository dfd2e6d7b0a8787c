import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, toErrorResponse } from "@/lib/http/errors";
import { MAX_TRACK_BODY, parsePixelQuery, parseTrackBody } from "./parse";
import { ingest } from "./pipeline";
import { acceptedReply, errorHeaders, pixelReply, preflightReply, type TrackReply } from "./track-response";

/**
 * /api/track for the production server (scripts/server.mjs), on node:http
 * directly: the same parse -> ingest -> reply steps as app/api/track/route.ts,
 * without the framework's per-request routing, which cost ten times the whole
 * pipeline (about 1 ms against 85 µs per event). The peer address comes from
 * the socket itself.
 */
export async function handleTrack(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const socketIp = req.socket.remoteAddress ?? null;
  if (req.method === "OPTIONS") return send(res, preflightReply());
  if (req.method === "GET") {
    try {
      const event = parsePixelQuery(new URL(req.url ?? "/", "http://localhost").searchParams);
      return send(res, pixelReply(await ingest({ event, headers: req.headers, socketIp })));
    } catch {
      return send(res, pixelReply());
    }
  }
  try {
    if (req.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST (or GET for the pixel)");
    const event = parseTrackBody(await readBody(req, MAX_TRACK_BODY));
    send(res, acceptedReply(await ingest({ event, headers: req.headers, socketIp })));
  } catch (err) {
    const reply = toErrorResponse(err);
    const headers: Record<string, string> = { ...errorHeaders(reply.status), "Content-Type": "application/json" };
    // A refused body may still be arriving; this connection is not worth keeping.
    if (reply.status === 413) headers.Connection = "close";
    send(res, { status: reply.status, headers, body: await reply.text() });
  }
}

function send(res: ServerResponse, reply: TrackReply): void {
  if (res.headersSent) return;
  res.writeHead(reply.status, reply.body ? { ...reply.headers, "Content-Length": String(Buffer.byteLength(reply.body)) } : reply.headers);
  res.end(reply.body ?? undefined);
}

/** The body as text, refusing more than `limit` bytes with 413 without buffering the excess. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => new ApiError(413, "payload_too_large", `The body must be at most ${limit} bytes`);
  if (Number(req.headers["content-length"] ?? NaN) > limit) {
    req.resume(); // drain, so the keep-alive connection stays usable
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Answer now and discard the rest: destroying the socket would cut the 413 too.
        req.removeAllListeners("data");
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
