import type { IngestOutcome } from "./pipeline";

// The tracker posts from any site without credentials, so any origin may call.
export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "86400",
  // Lets a page's own script see why an event was dropped.
  "Access-Control-Expose-Headers": "X-Trailmark-Dropped",
} as const;

/**
 * A /api/track answer as plain parts: the Next route turns it into a Response,
 * the production server's fast path (lib/ingest/node-handler.ts) writes it to
 * the socket; both answer byte for byte the same.
 */
export type TrackReply = { status: number; headers: Record<string, string>; body: Buffer | string | null };

// 1x1 transparent GIF (43 bytes, with the image data's end code).
const GIF = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");

export function acceptedReply(outcome: IngestOutcome): TrackReply {
  const headers: Record<string, string> = { ...CORS_HEADERS };
  if (!outcome.accepted) headers["X-Trailmark-Dropped"] = outcome.reason;
  return { status: 202, headers, body: null };
}

export function pixelReply(outcome?: IngestOutcome): TrackReply {
  const headers: Record<string, string> = { ...CORS_HEADERS, "Content-Type": "image/gif", "Cache-Control": "no-store, max-age=0" };
  if (outcome && !outcome.accepted) headers["X-Trailmark-Dropped"] = outcome.reason;
  return { status: 200, headers, body: GIF };
}

/** Headers of a refused event: CORS, so the tracker can read why, and for a 503 (nothing kept) when to send it again. */
export function errorHeaders(status: number): Record<string, string> {
  return status === 503 ? { ...CORS_HEADERS, "Retry-After": "5" } : { ...CORS_HEADERS };
}

export const preflightReply = (): TrackReply => ({ status: 204, headers: { ...CORS_HEADERS }, body: null });

export const toResponse = (r: TrackReply): Response => new Response(r.body as BodyInit | null, { status: r.status, headers: r.headers });
