import { describe, expect, it } from "vitest";
import { pageHostname, pagePath, PATH_MAX } from "@/lib/ingest/paths";

describe("pagePath", () => {
  it.each([
    ["https://example.com", "/"],
    ["https://example.com/", "/"],
    ["https://example.com/pricing", "/pricing"],
    ["https://example.com/pricing/", "/pricing"],
    ["https://example.com/blog/post///", "/blog/post"],
    ["https://example.com/pricing?plan=pro&email=a@b.c", "/pricing"],
    ["https://example.com/?utm_source=x", "/"],
    ["https://example.com/docs#install", "/docs"],
    ["https://example.com/caf%C3%A9", "/café"],
    ["https://example.com/%E6%97%A5%E6%9C%AC", "/日本"],
    ["https://example.com/a%2Fb", "/a%2Fb"],
    ["https://example.com/bad%E0%A4%A", "/bad%E0%A4%A"],
    ["https://example.com/Case/Sensitive", "/Case/Sensitive"],
    ["http://localhost:3000/dev/", "/dev"],
  ])("%s -> %s", (url, path) => {
    expect(pagePath(url)).toBe(path);
  });

  it.each([
    ["https://app.example.com/#/settings", "/#/settings"],
    ["https://app.example.com/#/settings/", "/#/settings"],
    ["https://app.example.com/#/users/42?tab=billing", "/#/users/42"],
    ["https://app.example.com/#!/inbox", "/#!/inbox"],
    ["https://app.example.com/app/#/dashboard", "/app#/dashboard"],
    ["https://app.example.com/#/", "/"],
    ["https://app.example.com/#!/", "/"],
    ["https://app.example.com/#pricing", "/"],
    ["https://app.example.com/docs#install", "/docs"],
    ["https://app.example.com/?x=1#/a", "/#/a"],
  ])("with hash routing %s -> %s", (url, path) => {
    expect(pagePath(url, { hashPaths: true })).toBe(path);
  });

  it("ignores hash routes when the site does not use them", () => {
    expect(pagePath("https://app.example.com/#/settings")).toBe("/");
  });

  it("caps the length", () => {
    expect(pagePath(`https://example.com/${"a".repeat(3000)}`)).toHaveLength(PATH_MAX);
  });

  it("accepts a URL object and survives garbage", () => {
    expect(pagePath(new URL("https://example.com/x/"))).toBe("/x");
    expect(pagePath("not a url")).toBe("/");
  });
});

describe("pageHostname", () => {
  it.each([
    ["https://Example.COM/x", "example.com"],
    ["https://www.example.com./", "www.example.com"],
    ["http://localhost:3000/", "localhost"],
    ["https://[::1]:8080/", "[::1]"],
    ["https://bücher.de/", "xn--bcher-kva.de"],
    ["nonsense", ""],
  ])("%s -> %s", (url, host) => {
    expect(pageHostname(url)).toBe(host);
  });
});
