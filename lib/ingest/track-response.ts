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

export function accepted(outcome: IngestOutcome): Response {
  const headers: Record<string, string> = { ...CORS_HEADERS };
  if (!outcome.accepted) headers["X-Trailmark-Dropped"] = outcome.reason;
  return new Response(null, { status: 202, headers });
}

// 1x1 transparent GIF (43 bytes, with the image data's end code).
const GIF = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");

export function pixel(outcome?: IngestOutcome): Response {
  const headers: Record<string, string> = { ...CORS_HEADERS, "Content-Type": "image/gif", "Cache-Control": "no-store, max-age=0" };
  if (outcome && !outcome.accepted) headers["X-Trailmark-Dropped"] = outcome.reason;
  return new Response(GIF, { status: 200, headers });
}
