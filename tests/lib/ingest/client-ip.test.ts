import { afterEach, describe, expect, it, vi } from "vitest";
import { clientIp, normalizeIp } from "@/lib/ingest/client-ip";

describe("normalizeIp", () => {
  it.each([
    ["1.2.3.4", "1.2.3.4"],
    [" 1.2.3.4 ", "1.2.3.4"],
    ["1.2.3.4:567", "1.2.3.4"],
    ["[::1]:80", "::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:4711", "2001:db8::1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::8a2e:370:7334"],
    ["::1", "::1"],
    ["::ffff:1.2.3.4", "1.2.3.4"],
    ["::FFFF:81.2.69.142", "81.2.69.142"],
    ["0:0:0:0:0:ffff:1.2.3.4", "1.2.3.4"],
    ["::ffff:0102:0304", "1.2.3.4"],
    ["[::ffff:10.0.0.1]:443", "10.0.0.1"],
    ["fe80::1%eth0", "fe80::1"],
    ['"203.0.113.7"', "203.0.113.7"],
  ])("%j -> %j", (raw, ip) => {
    expect(normalizeIp(raw)).toBe(ip);
  });

  it.each(["", "unknown", "1.2.3", "1.2.3.256", "example.com", "::ffff:zz", "1.2.3.4:abc", "_hidden"])("%j is not an IP", (raw) => {
    expect(normalizeIp(raw)).toBeNull();
  });

  it("leaves an IPv6 address with many colons alone rather than cutting a 'port'", () => {
    expect(normalizeIp("2001:db8::8080")).toBe("2001:db8::8080");
  });
});

describe("clientIp", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const spoofed = new Headers({ "x-forwarded-for": "6.6.6.6", "cf-connecting-ip": "7.7.7.7", "x-real-ip": "8.8.4.4" });

  it("ignores every proxy header unless the operator named one", () => {
    expect(clientIp(spoofed, "81.2.69.142", undefined)).toBe("81.2.69.142");
    expect(clientIp(spoofed, "81.2.69.142", "")).toBe("81.2.69.142");
  });

  it("takes the leftmost valid x-forwarded-for entry when it is the trusted header", () => {
    const h = new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.2, 10.0.0.1" });
    expect(clientIp(h, "10.0.0.1", "x-forwarded-for")).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-forwarded-for": "unknown, 198.51.100.4" }), "10.0.0.1", "x-forwarded-for")).toBe("198.51.100.4");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7:51234" }), null, "x-forwarded-for")).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-forwarded-for": "[2001:db8::7]:443, 10.0.0.1" }), null, "x-forwarded-for")).toBe("2001:db8::7");
  });

  it("takes the whole value of a single-IP header", () => {
    expect(clientIp(spoofed, "10.0.0.1", "cf-connecting-ip")).toBe("7.7.7.7");
    expect(clientIp(spoofed, "10.0.0.1", "X-Real-IP")).toBe("8.8.4.4");
    expect(clientIp(new Headers({ "cf-connecting-ip": "2a00:1450:4001:81c::200e" }), "10.0.0.1", "cf-connecting-ip")).toBe("2a00:1450:4001:81c::200e");
    expect(clientIp(new Headers({ "fly-client-ip": "::ffff:81.2.69.142" }), null, "fly-client-ip")).toBe("81.2.69.142");
  });

  it("reads RFC 7239 Forwarded", () => {
    expect(clientIp(new Headers({ forwarded: 'for="[2001:db8:cafe::17]:4711";proto=https, for=10.0.0.1' }), null, "forwarded")).toBe("2001:db8:cafe::17");
    expect(clientIp(new Headers({ forwarded: "proto=http;for=192.0.2.60;by=203.0.113.43" }), null, "forwarded")).toBe("192.0.2.60");
  });

  it("falls back to the socket when the trusted header is missing or garbage", () => {
    expect(clientIp(new Headers(), "::ffff:127.0.0.1", "x-forwarded-for")).toBe("127.0.0.1");
    expect(clientIp(new Headers({ "x-forwarded-for": "unknown" }), "81.2.69.142", "x-forwarded-for")).toBe("81.2.69.142");
    expect(clientIp(new Headers({ "cf-connecting-ip": "1.2.3.4, 5.6.7.8" }), "81.2.69.142", "cf-connecting-ip")).toBe("81.2.69.142");
  });

  it("returns null when nothing names a valid IP", () => {
    expect(clientIp(new Headers(), undefined, undefined)).toBeNull();
    expect(clientIp(new Headers(), "garbage", "x-real-ip")).toBeNull();
  });

  it("accepts Node-style header records", () => {
    expect(clientIp({ "X-Forwarded-For": ["203.0.113.9", "10.0.0.1"] }, null, "x-forwarded-for")).toBe("203.0.113.9");
  });

  it("reads TRUSTED_IP_HEADER from the environment by default", () => {
    vi.stubEnv("TRUSTED_IP_HEADER", "cf-connecting-ip");
    expect(clientIp(spoofed, "10.0.0.1")).toBe("7.7.7.7");
    vi.stubEnv("TRUSTED_IP_HEADER", "");
    expect(clientIp(spoofed, "10.0.0.1")).toBe("10.0.0.1");
  });
});
