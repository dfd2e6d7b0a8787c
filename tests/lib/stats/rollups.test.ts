import { createHash } from "node:crypto";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { overviewQuerySchema } from "@/lib/schemas/stats";
import { getOverview, statsContext, statsSite } from "@/lib/stats";
import { hllAdd, hllCount, hllMerge, type Registers } from "@/lib/stats/hll";
import { readRollupTotals } from "@/lib/stats/read-rollups";
import type { RollupEvent } from "@/lib/stats/rollup-ops";
import { writeRollups } from "@/lib/stats/write-rollups";
import { Rollup } from "@/models/Rollup";
import { Session } from "@/models/Session";
import { makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("rollups");

describe("hll", () => {
  it("estimates 20,000 distinct values within 3 % and merges halves into the union", () => {
    const all: Registers = new Map();
    const [a, b]: Registers[] = [new Map(), new Map()];
    for (let i = 0; i < 20_000; i++) {
      hllAdd(all, `v${i}`);
      hllAdd(i % 2 ? a : b, `v${i}`);
      hllAdd(a, `v${i % 100}`); // repeats change nothing
    }
    expect(Math.abs(hllCount(all) - 20_000) / 20_000).toBeLessThan(0.03);
    expect(hllCount(hllMerge(a, b))).toBe(hllCount(all));
    expect(hllCount(new Map())).toBe(0);
  });
});

describe("writeRollups", () => {
  it("agrees with a raw recount: exact for counts, within the HLL error for visitors", async () => {
    const tz = "Asia/Kolkata";
    const site = await makeWebsite({ timezone: tz });
    const websiteId = String(site._id);
    const countries = ["DE", "US", "IN"];
    const sessions: object[] = [];
    const events: RollupEvent[] = [];
    // 900 visits by 600 visitors across one local day and its edges, 1-3 pageviews each.
    for (let i = 0; i < 900; i++) {
      const visitorId = `vis${i % 600}`;
      const startedAt = new Date(Date.UTC(2026, 2, 9, 17, 0) + i * 97_000); // from 22:30 local on the 9th
      const pages = (i % 3) + 1;
      const dims = { country: countries[i % 3], channel: i % 4 ? "Direct" : "Referral", device: "desktop" as const };
      sessions.push({ _id: `${websiteId}:s${i}`, websiteId: site._id, sessionId: `s${i}`, visitorId, startedAt, lastSeenAt: new Date(startedAt.getTime() + (pages - 1) * 60_000), pageviews: pages, duration: (pages - 1) * 60, bounce: pages === 1, entryPage: "/", exitPage: "/", ...dims });
      for (let p = 0; p < pages; p++) {
        events.push({ websiteId, timezone: tz, type: "pageview", visitorId, sessionStartedAt: startedAt, newSession: p === 0, pageviewsBefore: p, durationDelta: p ? 60 : 0, path: "/", dims: { ...dims, entry_page: "/" } });
      }
    }
    await Session.insertMany(sessions);
    // Batches of any size and order fold to the same documents.
    for (let i = 0; i < events.length; i += 500) await writeRollups(events.slice(i, i + 500));

    for (const [q, dimension, value] of [[{}, "total", ""], [{ filter: ["country:is:DE"] }, "country", "DE"], [{ filter: ["channel:is:Referral"] }, "channel", "Referral"]] as const) {
      const ctx = await statsContext(statsSite(site), overviewQuerySchema.parse({ from: "2026-03-10", to: "2026-03-10", ...q }));
      const raw = await getOverview(ctx);
      const rolled = await readRollupTotals(websiteId, ctx.period.range, dimension, value);
      expect(raw.sessions, dimension).toBeGreaterThan(50);
      expect(rolled.sessions).toBe(raw.sessions);
      expect(rolled.pageviews).toBe(raw.pageviews);
      expect(rolled.bounces).toBe(Math.round(raw.bounceRate * raw.sessions));
      expect(Math.round(rolled.duration / rolled.sessions)).toBe(raw.avgSessionDuration);
      // Standard error ~0.8 % (lib/stats/hll.ts): 3 % is beyond three of them.
      expect(Math.abs(rolled.visitors - raw.visitors) / raw.visitors).toBeLessThan(0.03);
    }
    expect(await Rollup.countDocuments({ websiteId: new Types.ObjectId(websiteId), dimension: "total" })).toBeGreaterThan(20);
  });
});

describe("packed registers", () => {
  it("round-trip sparse and dense, each in its smaller form", async () => {
    const { packRegisters, unpackRegisters } = await import("@/lib/stats/hll");
    for (const n of [0, 5, 3000, 20_000]) {
      const r: Registers = new Map();
      for (let i = 0; i < n; i++) hllAdd(r, `p${i}`);
      const packed = packRegisters(r);
      expect(unpackRegisters(packed)).toEqual(r);
      expect(packed.length).toBe(Math.min(1 + r.size * 3, 1 + 16_384));
    }
  });

  it("merges with a row another process wrote meanwhile instead of overwriting it", async () => {
    const { hllFromDoc, packRegisters } = await import("@/lib/stats/hll");
    const site = await makeWebsite({ timezone: "UTC" });
    const websiteId = String(site._id);
    const at = new Date(Date.UTC(2026, 2, 10, 9));
    const ev = (visitorId: string): RollupEvent => ({ websiteId, timezone: "UTC", type: "pageview", visitorId, sessionStartedAt: at, newSession: true, pageviewsBefore: 0, durationDelta: 0, path: "/", dims: {} });
    await writeRollups([ev("a"), ev("b")]);
    const id = `${websiteId}:${at.toISOString()}:total:`;
    // Another instance merges visitor "c" into the same row behind this process's back.
    const row = await Rollup.findById(id).lean<Record<string, unknown>>();
    const theirs = hllFromDoc(row!);
    hllAdd(theirs, "c");
    await Rollup.updateOne({ _id: id }, { $set: { hll: packRegisters(theirs), v: Number(row!.v) + 1 } });
    await writeRollups([ev("d")]);
    const after = hllFromDoc((await Rollup.findById(id).lean<Record<string, unknown>>())!);
    expect(hllCount(after)).toBe(4);
    expect((await Rollup.findById(id).lean<Record<string, unknown>>())!.sessions).toBe(3);
  });
});

describe("hllRegister", () => {
  // The definition on a 64-bit integer, to check the 32-bit arithmetic against.
  function reference(value: string): [number, number] {
    const x = createHash("md5").update(value).digest().readBigUInt64BE(0);
    const rest = (x << 14n) & 0xffff_ffff_ffff_ffffn;
    let rank = 1;
    for (let bit = 63n; bit >= 14n && !((rest >> bit) & 1n); bit--) rank++;
    return [Number(x >> 50n), rank];
  }

  it("matches the 64-bit definition on 20,000 values", async () => {
    const { hllRegister } = await import("@/lib/stats/hll");
    for (let i = 0; i < 20_000; i++) expect(hllRegister(`visitor-${i}`)).toEqual(reference(`visitor-${i}`));
  });
});
