import { describe, expect, it } from "vitest";
import { badgeSvg } from "@/lib/badge/svg";
import { globToRegExp, pathFilter } from "@/lib/stats/path-glob";

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
  it("filters exact paths with $in and globs with $regex", () => {
    expect(pathFilter(["/a"])).toEqual({ path: { $in: ["/a"] } });
    expect(pathFilter(["/a", "/b/*"])).toEqual({ $or: [{ path: { $in: ["/a"] } }, { path: { $regex: "^\\/b\\/.*$" } }] });
  });
});
