/**
 * The origin users reach this deployment at, for URLs we print (docs, curl
 * examples): NEXTAUTH_URL when the operator set it (behind a proxy the request
 * URL is the internal one), else the request's own host.
 */
export function publicOrigin(headers: Headers): string {
  if (process.env.NEXTAUTH_URL) {
    try {
      return new URL(process.env.NEXTAUTH_URL).origin;
    } catch {
      // a malformed setting falls back to the request
    }
  }
  const host = headers.get("host") ?? "localhost:3000";
  const proto = headers.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
