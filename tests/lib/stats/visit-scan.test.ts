import { describe, expect, it, vi } from "vitest";
import { engine } from "@/lib/engine";
import type { EngineDriver } from "@/lib/engine/driver";
import { overviewQuerySchema } from "@/lib/schemas/stats";
import { statsContext, statsSite } from "@/lib/stats";
import { getOverviews } from "@/lib/stats/get-overview";
import { getTimeseriesOf } from "@/lib/stats/get-timeseries";
import { scansTogether } from "@/lib/stats/visit-scan";
import { makePayment, makeVisit, makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("visitscan");

const now = new Date("2026-03-10T12:00:00Z");

/** The statements this process sends its engine while `work` runs. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  await engine();
  const [driver] = (globalThis as unknown as { __trailmarkEngine: { drivers: Map<string, EngineDriver> } }).__trailmarkEngine.drivers.values();
  const spy = vi.spyOn(driver, "query");
  try {
    await work();
    return spy.mock.calls.map(([sql]) => sql).filter((sql) => !sql.startsWith("EXPLAIN"));
  } finally {
    spy.mockRestore();
  }
}

describe("the overview and the chart asked together", () => {
  it("are read in one scan of the visits, with the answers they give alone", async () => {
    const site = await makeWebsite({ timezone: "Europe/Berlin" });
    await makeVisit(site._id, new Date("2026-03-09T10:00:00Z"), { visitorId: "a", paths: ["/", "/pricing"] });
    await makeVisit(site._id, new Date("2026-03-09T23:30:00Z"), { visitorId: "b", paths: ["/blog"] });
    await makeVisit(site._id, new Date("2026-03-02T08:00:00Z"), { visitorId: "a", paths: ["/"] });
    await makePayment(site._id, new Date("2026-03-09T11:00:00Z"), 4900, { visitorId: "a" });

    for (const [filter, scans] of [[[], 1], [["country:is:US"], 1], [["page:is:/blog"], 2]] as const) {
      const ctx = await statsContext(statsSite(site), overviewQuerySchema.parse({ period: "7d", filter }), now);
      const periods = [ctx.period.range, ctx.period.previous!];
      const alone = await Promise.all([getOverviews(ctx, periods), getTimeseriesOf(ctx, periods, "day")]);
      let together: unknown;
      const sent = await statementsOf(async () => {
        const scan = scansTogether();
        together = await Promise.all([getOverviews(ctx, periods, scan), getTimeseriesOf(ctx, periods, "day", scan)]);
      });
      expect(together, filter.join()).toEqual(alone);
      expect(alone[0][0].visitors, filter.join()).toBeGreaterThan(0);
      expect(alone[1][0].points.some((p) => p.visitors > 0), filter.join()).toBe(true);
      // A page filter makes the chart count the matching pageviews only: then each reads its own rows.
      expect(sent.filter((sql) => /FROM \S+events\b/.test(sql) && sql.includes("uniqExactIf(visitor")).length, filter.join()).toBe(scans);
    }
  });
});
