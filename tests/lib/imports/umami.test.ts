// Umami's event export folded into daily rows in the site's time zone.
import { describe, expect, it } from "vitest";
import type { ImportedRow } from "@/lib/imports/rows";
import { readUmamiExport } from "@/lib/imports/umami";
import { fixtureFiles, zipOf } from "../../helpers/imports";

const csv = fixtureFiles("umami")["website_events.csv"];
const bytes = new TextEncoder().encode(csv);
const row = (rows: ImportedRow[], day: string, dimension: string, value: string) => rows.find((r) => r.day === day && r.dimension === dimension && r.value === value);

describe("readUmamiExport", () => {
  it("counts sessions, visits, pageviews, bounces and durations per day", () => {
    const { rows, from, to } = readUmamiExport(bytes, "UTC");
    expect([from, to]).toEqual(["2026-03-05", "2026-03-06"]);
    // 5 March: one session with a 3-minute visit of two pageviews, one bounce from t.co.
    expect(row(rows, "2026-03-05", "", "")).toMatchObject({ visitors: 2, visits: 2, pageviews: 3, bounces: 1, duration: 180 });
    expect(row(rows, "2026-03-06", "", "")).toMatchObject({ visitors: 1, visits: 1, pageviews: 2, bounces: 0, duration: 100 });
    expect(row(rows, "2026-03-05", "referrer", "google.com")).toMatchObject({ visitors: 1, visits: 1 });
    expect(row(rows, "2026-03-05", "referrer", "t.co")).toMatchObject({ visitors: 1, bounces: 1 });
    expect(row(rows, "2026-03-05", "utm_campaign", "march")?.visitors).toBe(1);
    expect(row(rows, "2026-03-05", "entry_page", "/")?.visits).toBe(1);
    expect(row(rows, "2026-03-05", "exit_page", "/pricing")?.visits).toBe(1);
    expect(row(rows, "2026-03-05", "page", "/pricing")?.pageviews).toBe(1);
    expect(row(rows, "2026-03-05", "browser", "Chrome")?.visitors).toBe(1);
    expect(row(rows, "2026-03-05", "os", "macOS")?.visitors).toBe(1);
    expect(row(rows, "2026-03-05", "device", "mobile")?.visitors).toBe(1);
    expect(row(rows, "2026-03-05", "region", "BE")?.visitors).toBe(1);
  });

  it("places events on the site's local day, and reads the same CSV inside a zip", () => {
    // 21:15 UTC on 5 March is 6 March in Tokyo.
    const { rows } = readUmamiExport(zipOf({ "umami-export/website_events.csv": csv }), "Asia/Tokyo");
    expect(row(rows, "2026-03-06", "referrer", "t.co")?.visitors).toBe(1);
    expect(row(rows, "2026-03-05", "", "")).toMatchObject({ visitors: 1, pageviews: 2 });
  });

  it("refuses another tool's CSV and a bad time", () => {
    expect(() => readUmamiExport(new TextEncoder().encode("date,visitors\n2026-03-01,3\n"))).toThrow(/missing columns session_id/);
    expect(() => readUmamiExport(new TextEncoder().encode(csv.replace("2026-03-06 10:00:00", "yesterday")))).toThrow(/line 6: created_at "yesterday" is not a time/);
  });
});
