import { describe, expect, it } from "vitest";
import { badgeSvg } from "@/lib/badge/svg";
import { str } from "@/lib/engine/sql";
import { globToRegExp, pathMatchSql } from "@/lib/stats/path-glob";

describe("badgeSvg", () => {
  it("shows the label and a compact count, escaped", () => {
    const svg = badgeSvg("views <&>", 12_345);
    expect(svg).toMatch(/^<svg[^>]+width="\d+"/);
    expect(svg).toContain(">12.3K</text>");
    expect(svg).not.toContain("<&>");
  });
});

describe("page patterns", () => {
  it("compiles * to any run of characters and keeps the rest literal", () => {
    expect(globToRegExp("/blog/*").test("/blog/a/b")).toBe(true);
    expect(globToRegExp("/blog/*").test("/blogx")).toBe(false);
    expect(globToRegExp("/a.b").test("/axb")).toBe(false);
  });
  it("matches exact paths by equality and globs by an anchored regex in the engine", () => {
    expect(pathMatchSql("/a'b", "path", str)).toBe("path = '/a\\'b'");
    expect(pathMatchSql("/b/*", "path", str)).toBe("match(path, '^\\\\/b\\\\/.*$')");
  });
});
