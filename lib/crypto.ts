import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

// Secrets at rest (webhook secrets, integration tokens) are AES-256-GCM
// ciphertext under a key derived from the app secret, so a database dump alone
// does not reveal them. Format: v1.<iv>.<tag>.<ciphertext>, base64url parts.

function appSecret(): string {
  const secret = process.env.TRAILMARK_SECRET || process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET (or TRAILMARK_SECRET) must be set to encrypt secrets at rest");
  return secret;
}

function key(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", appSecret(), "trailmark", purpose, 32));
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key("secrets-at-rest"), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("unrecognised secret format");
  const decipher = createDecipheriv("aes-256-gcm", key("secrets-at-rest"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** Keyed hash for values we match on but must not keep (customer emails). */
export function saltedHash(value: string): string {
  return createHash("sha256").update(key("match-hash")).update(value).digest("hex");
}

/**
 * The one way an email becomes a match key: identify calls (tracker and API)
 * and payment webhooks must produce the same hash for the same address.
 */
export function emailHash(email: string): string {
  return saltedHash(email.trim().toLowerCase());
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
