import { ApiError } from "@/lib/http/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function allowedOrigins(req: Request): Set<string> {
  const origins = new Set([new URL(req.url).origin]);
  const host = req.headers.get("host");
  if (host) origins.add(`${req.headers.get("x-forwarded-proto") ?? "http"}://${host}`);
  if (process.env.NEXTAUTH_URL) origins.add(new URL(process.env.NEXTAUTH_URL).origin);
  return origins;
}

/**
 * CSRF defence for the dashboard's own API: session cookies are SameSite=Lax,
 * and a mutating request must also name our origin in its Origin header, which
 * a cross-site form or script cannot forge. next-auth's CSRF token covers only
 * its own routes.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (!origin || !allowedOrigins(req).has(origin)) {
    throw new ApiError(403, "cross_origin_request", "Mutating requests must come from this site (Origin header)");
  }
}
