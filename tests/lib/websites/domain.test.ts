// normalizeDomain: one site is one domain however the owner typed it.
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { normalizeDomain } from "@/lib/websites/domain";

describe("normalizeDomain", () => {
  it.each([
    ["example.com", "example.com"],
    ["Example.COM", "example.com"],
    ["  example.com\t", "example.com"],
    ["www.example.com", "example.com"],
    ["WWW.EXAMPLE.COM", "example.com"],
    ["https://WWW.Example.com/path", "example.com"],
    ["http://example.com:8080/pricing?x=1#top", "example.com"],
    ["ftp://example.com", "example.com"],
    ["example.com:443", "example.com"],
    ["example.com/blog/post", "example.com"],
    ["example.com?ref=hn", "example.com"],
    ["example.com#section", "example.com"],
    ["example.com.", "example.com"],
    ["www.example.com.", "example.com"],
    ["https://example.com.:8443/", "example.com"],
    ["blog.example.com", "blog.example.com"],
    ["www.example.co.uk", "example.co.uk"],
    ["shop.www.example.com", "shop.www.example.com"],
    ["sub-domain.example.io", "sub-domain.example.io"],
    ["123.example.com", "123.example.com"],
    ["a.co", "a.co"],
    ["bücher.de", "xn--bcher-kva.de"],
    ["https://BÜCHER.de/katalog", "xn--bcher-kva.de"],
    ["xn--bcher-kva.de", "xn--bcher-kva.de"],
    ["münchen.example.com", "xn--mnchen-3ya.example.com"],
    ["例え.jp", "xn--r8jz45g.jp"],
  ])("normalises %j to %j", (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it("accepts a 63-character label and a 253-character name", () => {
    const label63 = "a".repeat(63);
    expect(normalizeDomain(`${label63}.com`)).toBe(`${label63}.com`);
    const name253 = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(57), "com"].join(".");
    expect(name253).toHaveLength(253);
    expect(normalizeDomain(name253)).toBe(name253);
  });

  it.each([
    ["an empty string", ""],
    ["blanks", "   "],
    ["a single label", "localhost"],
    ["a single label with a port", "http://localhost:3000"],
    ["spaces", "not a domain"],
    ["a label starting and ending with a hyphen", "-bad-.com"],
    ["a label ending with a hyphen", "bad-.com"],
    ["an empty label", "a..b.com"],
    ["a leading dot", ".com"],
    ["an IPv4 address", "192.168.1.1"],
    ["an IPv6 address", "[::1]"],
    ["a numeric top-level label", "example.123"],
    ["an underscore", "exa_mple.com"],
    ["a wildcard", "*.example.com"],
    ["a scheme alone", "https://"],
    ["credentials", "https://user:pass@example.org"],
    ["a label over 63 characters", `${"a".repeat(64)}.com`],
    ["a name over 253 characters", [1, 2, 3, 4].map(() => "a".repeat(63)).join(".") + ".com"],
    ["www alone before a TLD", "www.com"],
  ])("rejects %s with a 400 invalid_domain", (_label, input) => {
    let thrown: unknown;
    try {
      normalizeDomain(input);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ status: 400, code: "invalid_domain" });
  });

  it("quotes at most 100 characters of the input in its message", () => {
    const long = `${"x".repeat(300)} not valid`;
    expect(() => normalizeDomain(long)).toThrow(ApiError);
    try {
      normalizeDomain(long);
    } catch (err) {
      expect((err as ApiError).message).toContain("x".repeat(100));
      expect((err as ApiError).message).not.toContain("x".repeat(101));
    }
  });
});
