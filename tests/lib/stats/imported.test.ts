// Imported history beside native visits: added on days without native data (also under one filter on a
// dimension the import has), left out (and said so) where it cannot answer, and an import is a job that
// is idempotent, cancellable and removable.
import { describe, expect, it } from "vitest";
import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import { removeAnalyticsImport, startFileImport, startRowsImport } from "@/lib/imports/analytics";
import { listImports } from "@/lib/imports/jobs";
import type { ImportedRow } from "@/lib/imports/rows";
import { breakdownQuerySchema, overviewQuerySchema, timeseriesQuerySchema } from "@/lib/schemas/stats";
import { dashboardBreakdown, dashboardOverview, dashboardTimeseries, getOverview, statsContext, statsSite } from "@/lib/stats";
import { makeVisit, makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";
import { eventually } from "../../helpers/eventually";
import { plausibleZip } from "../../helpers/imports";

useTestDatabase("imported-stats");

type Site = Awaited<ReturnType<typeof makeWebsite>>;
const days = { from: "2026-03-01", to: "2026-03-03" };

async function importDone(site: Site, bytes = plausibleZip()) {
  const started = await startFileImport({ id: String(site._id), timezone: "UTC" }, undefined, "plausible", bytes);
  await eventually(async () => expect((await listImports(site._id, "analytics")).find((i) => i.id === started.id)?.status).toBe("done"));
  return started;
}

async function importedRowCount(importId: string): Promise<number> {
  const e = await engine();
  const [r] = await e.query<{ n: number }>(`SELECT count() AS n FROM ${e.tables.imported} WHERE import_id = ${str(importId)}`);
  return r.n;
}

describe("imported data in the stats", () => {
  it("adds imported days to cards, chart and breakdowns; native data wins on a day that has both", async () => {
    const site = await makeWebsite();
    // A native visit on 2 March from google.com: that day is Trailmark's alone.
    await makeVisit(site._id, new Date("2026-03-02T10:00:00Z"), { visitorId: "n1", paths: ["/", "/pricing"], country: "DE", device: "desktop", context: { referrerDomain: "google.com", browser: "Chrome" } });
    await importDone(site);

    const o = await dashboardOverview(statsSite(site), overviewQuerySchema.parse(days));
    expect(o).toMatchObject({ visitors: 120 + 1 + 50, sessions: 150 + 1 + 60, pageviews: 300 + 2 + 90, imported: { included: true, note: null } });
    expect(o.bounceRate).toBeCloseTo((60 + 0 + 25) / 211);
    // Turned off (the toggle) or asked through the public API: native only.
    expect(await dashboardOverview(statsSite(site), overviewQuerySchema.parse({ ...days, imported: "false" }))).toMatchObject({ visitors: 1, imported: null });
    expect(await getOverview(await statsContext(statsSite(site), overviewQuerySchema.parse(days)))).toMatchObject({ visitors: 1, pageviews: 2 });

    const t = await dashboardTimeseries(statsSite(site), timeseriesQuerySchema.parse({ ...days, interval: "day" }));
    expect(t.points.map((p) => [p.visitors, p.pageviews])).toEqual([[120, 300], [1, 2], [50, 90]]);
    const weekly = await dashboardTimeseries(statsSite(site), timeseriesQuerySchema.parse({ ...days, interval: "week" }));
    expect(weekly.points.reduce((n, p) => n + p.visitors, 0)).toBe(171);

    const referrers = await dashboardBreakdown(statsSite(site), breakdownQuerySchema.parse({ ...days, dimension: "referrer" }));
    const byValue = Object.fromEntries(referrers.rows.map((r) => [r.value, r.visitors]));
    // google.com: 80 on 1 March and 50 on 3 March imported, 1 native on 2 March (the 2 March import rows are dropped).
    expect(byValue).toMatchObject({ "google.com": 131, "(none)": 40 });
    expect(byValue["news.ycombinator.com"]).toBeUndefined();
    expect(referrers.imported).toMatchObject({ included: true, note: expect.stringContaining("Revenue") });
    // "All time" starts at the first imported day when imports are on.
    const all = await dashboardOverview(statsSite(site), overviewQuerySchema.parse({ period: "all" }));
    expect(all.range.current.start.slice(0, 10)).toBe("2026-03-01");
    expect(all.visitors).toBe(171);
    const devices = await dashboardBreakdown(statsSite(site), breakdownQuerySchema.parse({ ...days, dimension: "device" }));
    expect(Object.fromEntries(devices.rows.map((r) => [r.value, r.visitors]))).toEqual({ desktop: 91, mobile: 30, tablet: 50 });
  });

  it("under one filter on a dimension the import has, answers from that dimension's imported rows", async () => {
    const site = await makeWebsite();
    // A native visit from Germany on 2 March: that day is Trailmark's alone, filtered or not.
    await makeVisit(site._id, new Date("2026-03-02T10:00:00Z"), { visitorId: "n1", paths: ["/"], country: "DE", device: "desktop" });
    await importDone(site);
    const q = (filter: string[]) => ({ ...days, filter });

    // imported_locations: DE 70 visitors (90 visits, 180 pageviews) on 1 March; 2 March's DE rows give way to the native visit.
    const de = await dashboardOverview(statsSite(site), overviewQuerySchema.parse(q(["country:is:DE"])));
    expect(de).toMatchObject({ visitors: 70 + 1, sessions: 90 + 1, pageviews: 180 + 1, imported: { included: true, note: null } });
    const notDe = await dashboardOverview(statsSite(site), overviewQuerySchema.parse(q(["country:is_not:DE"])));
    expect(notDe).toMatchObject({ visitors: 50 + 50, imported: { included: true } });
    const chart = await dashboardTimeseries(statsSite(site), timeseriesQuerySchema.parse({ ...q(["country:is:DE"]), interval: "day" }));
    expect(chart.points.map((p) => p.visitors)).toEqual([70, 1, 0]);
    const countries = await dashboardBreakdown(statsSite(site), breakdownQuerySchema.parse({ ...q(["country:is:DE"]), dimension: "country" }));
    expect(countries.rows.map((r) => [r.value, r.visitors])).toEqual([["DE", 71]]);
    // imported_sources: google.com 80 on 1 March, 50 on 3 March.
    const google = await dashboardOverview(statsSite(site), overviewQuerySchema.parse(q(["referrer:is:google.com"])));
    expect(google).toMatchObject({ visitors: 130, imported: { included: true } });

    // Another dimension's breakdown, two filters, or a dimension no tool exports: native only, and said so.
    const devices = await dashboardBreakdown(statsSite(site), breakdownQuerySchema.parse({ ...q(["country:is:DE"]), dimension: "device" }));
    expect(devices).toMatchObject({ rows: [{ value: "desktop", visitors: 1 }], imported: { included: false, note: expect.stringContaining("country") } });
    const two = await dashboardOverview(statsSite(site), overviewQuerySchema.parse(q(["country:is:DE", "device:is:desktop"])));
    expect(two).toMatchObject({ visitors: 1, imported: { included: false, note: expect.stringContaining("one filter") } });
    const city = await dashboardOverview(statsSite(site), overviewQuerySchema.parse(q(["city:is:Berlin"])));
    expect(city).toMatchObject({ visitors: 0, imported: { included: false, note: expect.stringContaining("city") } });
  });

  it("leaves imported data out, with a note, under filters it cannot answer, for breakdowns no tool exports and by the hour", async () => {
    const site = await makeWebsite();
    await importDone(site);
    const filtered = await dashboardOverview(statsSite(site), overviewQuerySchema.parse({ ...days, filter: ["goal:is:Signup"] }));
    expect(filtered).toMatchObject({ visitors: 0, imported: { included: false, note: expect.stringContaining("filter") } });
    const cities = await dashboardBreakdown(statsSite(site), breakdownQuerySchema.parse({ ...days, dimension: "city" }));
    expect(cities).toMatchObject({ rows: [], imported: { included: false, note: expect.stringContaining("does not export") } });
    const hourly = await dashboardTimeseries(statsSite(site), timeseriesQuerySchema.parse({ from: "2026-03-01", to: "2026-03-01", interval: "hour" }));
    expect(hourly.points.every((p) => p.visitors === 0)).toBe(true);
    expect(hourly.imported).toMatchObject({ included: false, note: expect.stringContaining("hourly") });
    // A range the import does not cover says nothing about it.
    expect((await dashboardOverview(statsSite(site), overviewQuerySchema.parse({ from: "2026-04-01", to: "2026-04-02" }))).imported).toBeNull();
  });

  it("imports the same file once, refuses overlapping days, and removes an import with its rows", async () => {
    const site = await makeWebsite();
    const first = await importDone(site);
    expect(await importedRowCount(first.id)).toBeGreaterThan(50);
    const again = await startFileImport({ id: String(site._id), timezone: "UTC" }, undefined, "plausible", plausibleZip());
    expect(again).toEqual({ id: first.id, duplicate: true });
    const other = plausibleZip((f) => (f["imported_visitors_20260301_20260303.csv"] += "2026-03-04,1,1,1,1,1\n"));
    await expect(startFileImport({ id: String(site._id), timezone: "UTC" }, undefined, "plausible", other)).rejects.toMatchObject({ status: 409, code: "import_overlaps" });
    expect(await listImports(site._id, "analytics")).toHaveLength(1);

    expect(await removeAnalyticsImport(String(site._id), first.id)).toBe("removed");
    expect(await importedRowCount(first.id)).toBe(0);
    expect(await listImports(site._id, "analytics")).toEqual([]);
    expect((await dashboardOverview(statsSite(site), overviewQuerySchema.parse(days))).visitors).toBe(0);
    // Removed, the same file imports again.
    expect((await importDone(site)).id).not.toBe(first.id);
  });

  it("a cancelled import leaves no rows and counts nowhere", async () => {
    const site = await makeWebsite();
    const rows: ImportedRow[] = [];
    for (let d = 0; d < 400; d++) {
      const day = new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      rows.push({ day, dimension: "", value: "", visitors: 10, visits: 10, pageviews: 20, bounces: 5, duration: 100 });
      for (let p = 0; p < 500; p++) rows.push({ day, dimension: "page", value: `/p/${p}`, visitors: 1, visits: 1, pageviews: 1, bounces: 0, duration: 0 });
    }
    const started = await startRowsImport(String(site._id), undefined, "plausible", { rows, from: "2024-01-01", to: "2025-02-03" }, `test:${site._id}`);
    expect(await removeAnalyticsImport(String(site._id), started.id)).toBe("cancelled");
    await eventually(async () => {
      const [job] = await listImports(site._id, "analytics");
      expect(job).toMatchObject({ id: started.id, status: "cancelled" });
      expect(await importedRowCount(started.id)).toBe(0);
    }, 60_000);
    expect((await dashboardOverview(statsSite(site), overviewQuerySchema.parse({ from: "2024-01-01", to: "2024-12-31" }))).visitors).toBe(0);
  });
});
