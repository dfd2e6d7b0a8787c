import { isIP } from "node:net";
import { getHeader, type HeaderSource } from "./types";

/**
 * "1.2.3.4:567" -> "1.2.3.4", "[::1]:80" -> "::1", "::ffff:1.2.3.4" -> "1.2.3.4",
 * "fe80::1%eth0" -> "fe80::1"; anything that is not an IP afterwards -> null.
 * IPv4-mapped addresses are unwrapped so exclusions and geo see one form.
 */
export function normalizeIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let ip = raw.trim().replace(/^"|"$/g, "");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1];
  // One colon means IPv4 with a port; IPv6 always has at least two.
  else if (/^[\d.]+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"));
  ip = ip.replace(/%.*$/, "").toLowerCase();
  const mapped = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(.+)$/.exec(ip);
  if (mapped && isIP(ip) === 6) {
    const tail = mapped[1];
    if (isIP(tail) === 4) return tail;
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
    if (hex) {
      const hi = parseInt(hex[1], 16);
      const lo = parseInt(hex[2], 16);
      return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
    }
  }
  return isIP(ip) ? ip : null;
}

/** RFC 7239: `Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"`; the first hop is the client. */
function firstForwardedFor(value: string): string | undefined {
  const match = /(?:^|[;,\s])for=("[^"]*"|[^;,\s]*)/i.exec(value);
  return match?.[1].replace(/^"|"$/g, "");
}

/**
 * The visitor's IP. A proxy header is believed only when the operator names it
 * in TRUSTED_IP_HEADER: without a proxy in front, anyone can send
 * X-Forwarded-For and pick their own IP (and so dodge exclusions or forge geo).
 *
 * x-forwarded-for: the leftmost valid entry, the client as the first proxy saw
 * it (entries such as "unknown" are skipped). forwarded: the first `for=`.
 * Any other header (cf-connecting-ip, x-real-ip, fly-client-ip, ...): its whole value.
 */
export function clientIp(
  headers: HeaderSource | undefined,
  socketIp?: string | null,
  trustedHeader: string | undefined = process.env.TRUSTED_IP_HEADER,
): string | null {
  const name = trustedHeader?.trim().toLowerCase();
  if (name) {
    const value = getHeader(headers, name);
    if (value) {
      let fromHeader: string | null = null;
      if (name === "x-forwarded-for") {
        for (const entry of value.split(",")) {
          fromHeader = normalizeIp(entry);
          if (fromHeader) break;
        }
      } else if (name === "forwarded") {
        fromHeader = normalizeIp(firstForwardedFor(value));
      } else {
        fromHeader = normalizeIp(value);
      }
      if (fromHeader) return fromHeader;
    }
  }
  return normalizeIp(socketIp);
}
