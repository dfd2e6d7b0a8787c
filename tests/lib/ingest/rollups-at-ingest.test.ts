// The ingest write path keeps the hourly rollups: what it folds in must match a
// raw recount of the sessions and pageviews it wrote, across batches, a visit
// resumed from the store after a restart, an idle split and several dimensions.
import { Types } from "mongoose";
import { beforeEach, describe, expect, it } from "vitest";
import { writeBatch, type BufferedEvent } from "@/lib/ingest/buffer";
import { resetSessionCache } from "@/lib/ingest/sessionize";
import { overviewQuerySchema } from "@/lib/schemas/stats";
import { getOverview, statsContext, statsSite } from "@/lib/stats";
import { readRollupTotals } from "@/lib/stats/read-rollups";
import { makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("rollupingest");
beforeEach(() => resetSessionCache());

const COUNTRIES = ["DE", "FR", "US"];

function event(site: string, i: number, visit: number, at: number, type: "pageview" | "goal" = "pageview"): BufferedEvent {
  return {
    id: String(new Types.ObjectId()), websiteId: site, visitorId: `v${visit % 40}`, sessionId: `s${visit}`, type, name: type === "goal" ? "signup" : undefined,
    path: `/p${i % 4}`, timestamp: new Date(at).toISOString(),
    context: { channel: visit % 3 ? "Direct" : "Organic Search", referrerDomain: visit % 3 ? undefined : "google.com", country: COUNTRIES[visit % 3], device: "desktop", browser: "Firefox", os: "Linux", hostname: "shop.example" },
  };
}

describe("rollups kept at ingest", () => {
  it("agree with the raw recount for the whole site and per dimension value", async () => {
    const tz = "Europe/Berlin";
    const site = await makeWebsite({ timezone: tz });
    const id = String(site._id);
    const t0 = Date.UTC(2026, 4, 12, 7, 50);
    const events: BufferedEvent[] = [];
    // 60 visits, 1-4 events each a minute or two apart, spread over three hours.
    for (let v = 0; v < 60; v++) {
      const start = t0 + v * 3 * 60_000;
      for (let k = 0; k <= v % 4; k++) events.push(event(id, k, v, start + k * 90_000, k === 2 ? "goal" : "pageview"));
    }
    // Visit 0 comes back after an hour idle: a new session under the same client id.
    events.push(event(id, 9, 0, t0 + 70 * 60_000));
    events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    const half = Math.floor(events.length / 2);
    await writeBatch(events.slice(0, half));
    resetSessionCache(); // as after a restart: visits under way are read back from the store
    await writeBatch(events.slice(half));

    for (const [filter, dimension, value] of [[[], "total", ""], [["country:is:DE"], "country", "DE"], [["channel:is:Organic Search"], "channel", "Organic Search"]] as const) {
      const ctx = await statsContext(statsSite(site), overviewQuerySchema.parse({ from: "2026-05-12", to: "2026-05-12", filter }));
      const raw = await getOverview(ctx);
      const rolled = await readRollupTotals(id, ctx.period.range, dimension, value);
      expect(raw.sessions, dimension).toBeGreaterThan(5);
      expect(rolled.sessions, dimension).toBe(raw.sessions);
      expect(rolled.pageviews, dimension).toBe(raw.pageviews);
      expect(rolled.bounces, dimension).toBe(Math.round(raw.bounceRate * raw.sessions));
      expect(Math.round(rolled.duration / rolled.sessions), dimension).toBe(raw.avgSessionDuration);
      // 40 visitors or fewer: HyperLogLog is exact at this size (its linear-counting range).
      expect(rolled.visitors, dimension).toBe(raw.visitors);
    }
  });
});
