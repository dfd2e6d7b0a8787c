import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { sha256Hex } from "@/lib/crypto";

export type TokenPurpose = "invite" | "share" | "account";

function mac(purpose: TokenPurpose, random: string): string {
  const secret = process.env.TRAILMARK_SECRET || process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET (or TRAILMARK_SECRET) must be set to sign links");
  const key = Buffer.from(hkdfSync("sha256", secret, "trailmark", `link-${purpose}`, 32));
  return createHmac("sha256", key).update(random).digest("base64url").slice(0, 22);
}

/**
 * A link token: 192 random bits and their HMAC under the app secret. The store
 * keeps only a SHA-256 of the whole token; the signature lets a forged or
 * mistyped token be refused without a store lookup.
 */
export function newToken(purpose: TokenPurpose): { token: string; hash: string } {
  const random = randomBytes(24).toString("base64url");
  const token = `${random}.${mac(purpose, random)}`;
  return { token, hash: sha256Hex(token) };
}

/** The hash to look a token up by, or null when its signature does not hold. */
export function verifiedTokenHash(purpose: TokenPurpose, token: string): string | null {
  const [random, signature, extra] = token.split(".");
  if (!random || !signature || extra !== undefined || random.length !== 32) return null;
  const expected = Buffer.from(mac(purpose, random));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return sha256Hex(token);
}
