// Secrets at rest: AES-256-GCM under a key derived from the app secret.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, saltedHash, sha256Hex } from "@/lib/crypto";

const SECRET = "test-secret-not-for-production-0123456789";
const saved = { next: process.env.NEXTAUTH_SECRET, trailmark: process.env.TRAILMARK_SECRET };

beforeEach(() => {
  process.env.NEXTAUTH_SECRET = SECRET;
  delete process.env.TRAILMARK_SECRET;
});
afterEach(() => {
  for (const [name, value] of [["NEXTAUTH_SECRET", saved.next], ["TRAILMARK_SECRET", saved.trailmark]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Flips one bit of the given dot-separated part of a sealed secret. */
function tamper(sealed: string, part: 1 | 2 | 3): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part], "base64url");
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryptSecret / decryptSecret", () => {
  it.each([
    ["a webhook secret", "whsec_1234567890abcdefghijklmnopqrstuv"],
    ["unicode", "pässwörd-🔐-秘密"],
    ["an empty string", ""],
    ["a long value", "x".repeat(5000)],
  ])("round-trips %s", (_label, plain) => {
    const sealed = encryptSecret(plain);
    expect(decryptSecret(sealed)).toBe(plain);
  });

  it("seals as v1.<iv>.<tag>.<ciphertext> without the plaintext in it", () => {
    const plain = "whsec_visible_if_not_encrypted";
    const sealed = encryptSecret(plain);
    const parts = sealed.split(".");
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe("v1");
    expect(Buffer.from(parts[1], "base64url")).toHaveLength(12);
    expect(Buffer.from(parts[2], "base64url")).toHaveLength(16);
    expect(sealed).not.toContain(plain);
    expect(Buffer.from(parts[3], "base64url").toString("utf8")).not.toContain("whsec");
  });

  it("uses a random IV, so one secret sealed twice gives two ciphertexts", () => {
    const a = encryptSecret("same secret");
    const b = encryptSecret("same secret");
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(decryptSecret(a)).toBe("same secret");
    expect(decryptSecret(b)).toBe("same secret");
  });

  it.each([
    ["the ciphertext", 3],
    ["the auth tag", 2],
    ["the IV", 1],
  ] as const)("refuses a sealed secret whose %s was altered", (_label, part) => {
    const sealed = encryptSecret("do not trust tampered data");
    expect(() => decryptSecret(tamper(sealed, part))).toThrow();
  });

  it("refuses a sealed secret in an unknown format", () => {
    const sealed = encryptSecret("x");
    expect(() => decryptSecret(sealed.replace(/^v1\./, "v2."))).toThrow();
    expect(() => decryptSecret("plain-text-secret")).toThrow();
    expect(() => decryptSecret(sealed.split(".").slice(0, 3).join("."))).toThrow();
  });

  it("cannot be opened under another app secret", () => {
    const sealed = encryptSecret("bound to the first secret");
    process.env.NEXTAUTH_SECRET = "a-completely-different-secret-9876543210";
    expect(() => decryptSecret(sealed)).toThrow();
    process.env.NEXTAUTH_SECRET = SECRET;
    expect(decryptSecret(sealed)).toBe("bound to the first secret");
  });

  it("prefers TRAILMARK_SECRET over NEXTAUTH_SECRET when both are set", () => {
    process.env.TRAILMARK_SECRET = "trailmark-specific-secret-abcdefghij";
    const sealed = encryptSecret("under trailmark secret");
    delete process.env.TRAILMARK_SECRET;
    expect(() => decryptSecret(sealed)).toThrow();
    process.env.TRAILMARK_SECRET = "trailmark-specific-secret-abcdefghij";
    expect(decryptSecret(sealed)).toBe("under trailmark secret");
  });

  it("refuses to encrypt without an app secret", () => {
    delete process.env.NEXTAUTH_SECRET;
    expect(() => encryptSecret("nowhere to hide")).toThrow(/SECRET/);
  });
});

describe("saltedHash / sha256Hex", () => {
  it("sha256Hex is the plain SHA-256 hex digest", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("saltedHash is stable under one secret, differs under another, and is not the plain digest", () => {
    const a = saltedHash("ada@example.com");
    expect(a).toMatch(/^[a-f0-9]{64}$/);
    expect(saltedHash("ada@example.com")).toBe(a);
    expect(a).not.toBe(sha256Hex("ada@example.com"));
    expect(saltedHash("grace@example.com")).not.toBe(a);
    process.env.NEXTAUTH_SECRET = "another-secret-for-another-install-000";
    expect(saltedHash("ada@example.com")).not.toBe(a);
  });
});
