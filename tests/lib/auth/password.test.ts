// Password hashing: scrypt with its parameters and salt in the stored string.
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("hashPassword", () => {
  it("produces scrypt$N$r$p$salt$hash with a 16-byte salt and 32-byte hash, never the password", async () => {
    const stored = await hashPassword("correct horse battery staple");
    const parts = stored.split("$");
    expect(parts).toHaveLength(6);
    const [scheme, n, r, p, salt, hash] = parts;
    expect(scheme).toBe("scrypt");
    expect(Number(n)).toBeGreaterThanOrEqual(1 << 14);
    expect(Math.log2(Number(n)) % 1).toBe(0);
    expect(Number(r)).toBeGreaterThanOrEqual(8);
    expect(Number(p)).toBeGreaterThanOrEqual(1);
    expect(salt).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(hash).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(salt, "base64url")).toHaveLength(16);
    expect(Buffer.from(hash, "base64url")).toHaveLength(32);
    expect(stored).not.toContain("correct horse");
  });

  it("salts every hash: one password hashed twice gives two different strings that both verify", async () => {
    const a = await hashPassword("same password");
    const b = await hashPassword("same password");
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("same password", b)).toBe(true);
  });
});

describe("verifyPassword", () => {
  it("accepts the right password and refuses wrong ones", async () => {
    const stored = await hashPassword("analytical-engine");
    expect(await verifyPassword("analytical-engine", stored)).toBe(true);
    expect(await verifyPassword("analytical-engine ", stored)).toBe(false);
    expect(await verifyPassword("Analytical-engine", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
    expect(await verifyPassword("difference-engine", stored)).toBe(false);
  });

  it("handles non-ASCII passwords, equal under Unicode NFKC normalisation", async () => {
    const stored = await hashPassword("café-ﬁsh");
    expect(await verifyPassword("café-ﬁsh", stored)).toBe(true);
    // "é" precomposed vs "e" + combining accent, "ﬁ" ligature vs "fi": the same password as typed on another keyboard.
    expect(await verifyPassword("cafe\u0301-fish", stored)).toBe(true);
    expect(await verifyPassword("cafe-fish", stored)).toBe(false);
  });

  it("refuses a hash whose parameters, salt or digest were altered", async () => {
    const stored = await hashPassword("tamper-proof");
    const [scheme, n, r, p, salt, hash] = stored.split("$");
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, "base64url");
      bytes[0] ^= 0x01;
      return bytes.toString("base64url");
    };
    expect(await verifyPassword("tamper-proof", [scheme, n, r, p, flip(salt), hash].join("$"))).toBe(false);
    expect(await verifyPassword("tamper-proof", [scheme, n, r, p, salt, flip(hash)].join("$"))).toBe(false);
    expect(await verifyPassword("tamper-proof", [scheme, String(Number(n) / 2), r, p, salt, hash].join("$"))).toBe(false);
    expect(await verifyPassword("tamper-proof", [scheme, n, r, p, salt, hash.slice(0, 20)].join("$"))).toBe(false);
  });

  it("refuses stored values that are not scrypt hashes", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "x")).toBe(false);
    expect(await verifyPassword("password", "$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234")).toBe(false);
    expect(await verifyPassword("password", "scrypt$32768$8$1$$")).toBe(false);
  });
});
