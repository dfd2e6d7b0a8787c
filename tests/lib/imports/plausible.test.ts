// Plausible's CSV export read into daily rows, and everything else refused with a reason.
import { describe, expect, it } from "vitest";
import { readPlausibleExport } from "@/lib/imports/plausible";
import type { ImportedRow } from "@/lib/imports/rows";
import { plausibleZip } from "../../helpers/imports";

const sum = (rows: ImportedRow[], dimension: string, value: string, k: keyof ImportedRow = "visitors") =>
  rows.filter((r) => r.dimension === dimension && r.value === value).reduce((n, r) => n + Number(r[k]), 0);

const refusal = (bytes: Uint8Array) => {
  try {
    readPlausibleExport(bytes);
  } catch (err) {
    return err as { status: number; code: string; message: string };
  }
  throw new Error("accepted");
};

describe("readPlausibleExport", () => {
  it("reads every table into rows by day, dimension and value", () => {
    const { rows, from, to } = readPlausibleExport(plausibleZip());
    expect([from, to]).toEqual(["2026-03-01", "2026-03-03"]);
    const totals = rows.filter((r) => r.dimension === "").sort((a, b) => a.day.localeCompare(b.day));
    expect(totals.map((r) => [r.day, r.visitors, r.visits, r.pageviews, r.bounces, r.duration])).toEqual([
      ["2026-03-01", 120, 150, 300, 60, 9000],
      ["2026-03-02", 80, 100, 200, 40, 6000],
      ["2026-03-03", 50, 60, 90, 25, 3000],
    ]);
    // Referrers as hosts (scheme, www. and path dropped), so google.com is one row.
    expect(sum(rows, "referrer", "google.com")).toBe(130);
    expect(sum(rows, "referrer", "news.ycombinator.com")).toBe(50);
    expect(sum(rows, "referrer", "")).toBe(70);
    expect(sum(rows, "utm_campaign", "launch, day one")).toBe(50);
    // Browser versions fold into one row per browser and day.
    expect(rows.filter((r) => r.dimension === "browser" && r.value === "Chrome" && r.day === "2026-03-01")).toHaveLength(1);
    expect(sum(rows, "browser", "Chrome")).toBe(130);
    expect(sum(rows, "device", "desktop")).toBe(170);
    expect(sum(rows, "device", "tablet")).toBe(50);
    expect(sum(rows, "region", "BE")).toBe(70);
    expect(sum(rows, "country", "DE")).toBe(150);
    expect(sum(rows, "os", "Mac")).toBe(70);
    expect(sum(rows, "page", "/pricing", "pageviews")).toBe(120);
    expect(sum(rows, "entry_page", "/", "visits")).toBe(260);
    expect(sum(rows, "exit_page", "/blog/launch", "visits")).toBe(100);
    // Cities are GeoNames ids and custom events have no visits: neither becomes a row.
    expect(rows.some((r) => r.dimension === "city" || r.dimension === "goal")).toBe(false);
  });

  it("accepts the files without the imported_ prefix and inside a folder", () => {
    const { rows } = readPlausibleExport(
      plausibleZip((f) => {
        f["export/visitors_20260301_20260303.csv"] = f["imported_visitors_20260301_20260303.csv"];
        delete f["imported_visitors_20260301_20260303.csv"];
      }),
    );
    expect(rows.filter((r) => r.dimension === "")).toHaveLength(3);
  });

  it("refuses a file that is not a zip, a cut-off zip and a zip of something else", () => {
    expect(refusal(new TextEncoder().encode("date,visitors\n2026-03-01,1\n"))).toMatchObject({ status: 400, code: "invalid_file" });
    const zip = plausibleZip();
    expect(refusal(zip.slice(0, Math.floor(zip.length / 2)))).toMatchObject({ status: 400, code: "invalid_zip" });
    expect(refusal(plausibleZip((f) => (f["notes.txt"] = "hello")))).toMatchObject({ code: "invalid_file", message: expect.stringContaining("notes.txt") });
    expect(refusal(plausibleZip((f) => delete f["imported_visitors_20260301_20260303.csv"]))).toMatchObject({ code: "invalid_file", message: expect.stringContaining("imported_visitors") });
  });

  it("refuses unknown or missing columns, bad numbers and dates, and a cut-off CSV, naming the file and line", () => {
    const edit = (name: string, from: string, to: string) => plausibleZip((f) => (f[name] = f[name].replace(from, to)));
    const visitors = "imported_visitors_20260301_20260303.csv";
    expect(refusal(edit(visitors, "visit_duration", "visit_duration,revenue"))).toMatchObject({ code: "unknown_columns", message: expect.stringContaining("revenue") });
    expect(refusal(edit(visitors, ",visit_duration", ""))).toMatchObject({ code: "unknown_columns", message: expect.stringContaining("missing column visit_duration") });
    expect(refusal(edit(visitors, "2026-03-02,80", "2026-03-02,eighty"))).toMatchObject({ code: "invalid_csv", message: expect.stringContaining(`${visitors}, line 3: visitors`) });
    expect(refusal(edit(visitors, "2026-03-03", "2026-02-30"))).toMatchObject({ code: "invalid_csv", message: expect.stringContaining("line 4") });
    expect(refusal(edit("imported_sources_20260301_20260303.csv", '"launch, day one"', '"launch, day one'))).toMatchObject({ code: "invalid_csv", message: expect.stringContaining("never closed") });
  });
});
