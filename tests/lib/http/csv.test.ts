import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "@/lib/http/csv";

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["=HYPERLINK(\"x\")", '"\'=HYPERLINK(""x"")"'],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@cmd", "'@cmd"],
    ["", ""],
  ])("%j -> %s", (input, out) => {
    expect(csvField(input)).toBe(out);
  });

  it("writes numbers as they are, dates as ISO, absent values as empty", () => {
    expect(csvField(-5)).toBe("-5");
    expect(csvField(new Date("2026-01-02T03:04:05.000Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvField(undefined)).toBe("");
    expect(csvField(null)).toBe("");
  });

  it("ends rows with CRLF", () => {
    expect(csvRow(["a", 1, undefined, "b,c"])).toBe('a,1,,"b,c"\r\n');
  });
});
