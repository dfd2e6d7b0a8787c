import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { ReportKind } from "./period";

// Unsubscribe links work without signing in (mail clients open them, RFC 8058
// one-click posts to them), so the link itself carries an HMAC of who and what.
function key(): Buffer {
  const secret = process.env.TRAILMARK_SECRET || process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET must be set to sign unsubscribe links");
  return Buffer.from(hkdfSync("sha256", secret, "trailmark", "report-unsubscribe", 32));
}

export const unsubscribeToken = (userId: string, kind: ReportKind) => createHmac("sha256", key()).update(`${userId}:${kind}`).digest("base64url");

export function verifyUnsubscribe(userId: string, kind: string, token: string): kind is ReportKind {
  if (kind !== "weekly" && kind !== "monthly") return false;
  const expected = Buffer.from(unsubscribeToken(userId, kind));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const unsubscribeUrl = (origin: string, userId: string, kind: ReportKind) =>
  `${origin}/api/reports/unsubscribe?u=${encodeURIComponent(userId)}&k=${kind}&t=${unsubscribeToken(userId, kind)}`;
