// The stats engine's answers, fed by the real ingest path, must equal a plain
// recount of the raw Session / PageView / GoalEvent / Payment documents
// (tests/helpers/recount.ts): sessions spanning batches, a restart in between,
// an idle split, goals sent by the API and by payments, refunds and a deleted
// payment; every filter rule and dimension, both attribution models, in zones
// whose local days straddle UTC midnight.
import { Types } from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { engine } from "@/lib/engine";
import { backfillFromStore } from "@/lib/engine/backfill/from-store";
import { at, str } from "@/lib/engine/sql";
import { writeBatch, type BufferedEvent } from "@/lib/ingest/batch-writer";
import { resetSessionCache } from "@/lib/ingest/sessionize";
import { applyRetention } from "@/lib/privacy/retention";
import { deletePayment } from "@/lib/revenue/delete-payment";
import { recordPayment } from "@/lib/revenue/record-payment";
import { recordRefund } from "@/lib/revenue/refunds";
import { breakdownQuerySchema, overviewQuerySchema, timeseriesQuerySchema } from "@/lib/schemas/stats";
import { getBreakdown, getOverview, getTimeseries, statsContext, statsSite, type StatsSite } from "@/lib/stats";
import { breakdownsTogether } from "@/lib/stats/breakdowns-together";
import { DIMENSIONS } from "@/lib/stats/dimensions";
import { breakdownRows, topRows } from "@/lib/stats/get-breakdown";
import { getMrr } from "@/lib/stats/get-mrr";
import { getOverviews } from "@/lib/stats/get-overview";
import { getRevenueSummary } from "@/lib/stats/get-revenue-summary";
import { getTimeseriesOf } from "@/lib/stats/get-timeseries";
import { scansTogether } from "@/lib/stats/visit-scan";
import { recordGoal } from "@/lib/visitors/record-goal";
import { makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";
import { readRaw, recountBreakdown, recountMrr, recountOverview, recountRevenueSummary, recountTimeseries, type RawData } from "../../helpers/recount";

useTestDatabase("enginevsraw");

const TZ = "Asia/Kolkata";
const COUNTRIES = ["DE", "FR", "US", "IN"];
const PATHS = ["/", "/pricing", "/blog/a", "/blog/b", "/signup"];
let site: StatsSite;
let websiteId: string;

function event(visit: number, k: number, at: number, type: "pageview" | "goal"): BufferedEvent {
  return {
    id: String(new Types.ObjectId()), websiteId, visitorId: `v${visit % 90}`, sessionId: `s${visit}`, type,
    name: type === "goal" ? (visit % 2 ? "signup" : "cta") : undefined,
    path: PATHS[(visit + k) % PATHS.length], timestamp: new Date(at).toISOString(),
    context: {
      channel: ["Direct", "Organic Search", "Referral"][visit % 3], referrerDomain: visit % 3 === 1 ? "google.com" : visit % 3 === 2 ? "news.ycombinator.com" : undefined,
      utmSource: visit % 7 === 0 ? "newsletter" : undefined, utmCampaign: visit % 7 === 0 ? "launch" : undefined,
      country: COUNTRIES[visit % 4], region: visit % 4 === 0 ? "BE" : undefined, city: visit % 4 === 0 ? "Berlin" : undefined,
      device: visit % 5 ? "desktop" : "mobile", browser: visit % 2 ? "Firefox" : "Chrome", os: visit % 2 ? "Linux" : "Android", hostname: visit % 6 ? "shop.example" : "docs.shop.example",
    },
  };
}

beforeAll(async () => {
  const doc = await makeWebsite({ timezone: TZ });
  site = statsSite(doc);
  websiteId = site.id;
  // 300 visits over ~50 hours from 2026-05-11 17:00 UTC (22:30 local), 1-5 events each, minutes apart.
  const t0 = Date.UTC(2026, 4, 11, 17, 0);
  const events: BufferedEvent[] = [];
  for (let v = 0; v < 300; v++) {
    const start = t0 + v * 10 * 60_000;
    for (let k = 0; k <= v % 5; k++) events.push(event(v, k, start + k * 4 * 60_000, k === 3 ? "goal" : "pageview"));
  }
  // Visit 4 comes back after two idle hours under the same client id: a new session.
  events.push(event(4, 1, t0 + 4 * 10 * 60_000 + 2 * 3_600_000, "pageview"));
  events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  // Five batches; the cache forgotten between two of them, as after a restart.
  const size = Math.ceil(events.length / 5);
  for (let b = 0; b < 5; b++) {
    if (b === 3) resetSessionCache();
    await writeBatch(events.slice(b * size, (b + 1) * size));
  }
  // Goals and payments from outside ingest.
  await recordGoal(websiteId, { visitorId: "v7", name: "demo_booked" }, new Date(t0 + 30 * 3_600_000));
  for (let i = 0; i < 12; i++) {
    await recordPayment(site, { provider: "stripe", transactionId: `pi_${i}`, amount: 1_000 * (i + 1), currency: i % 5 === 4 ? "EUR" : "USD", visitorId: `v${(i * 7) % 90}`, timestamp: new Date(t0 + i * 4 * 3_600_000 + 90_000) });
  }
  await recordRefund(site, { provider: "stripe", transactionId: "pi_2", amount: 1_500, timestamp: new Date(t0 + 20 * 3_600_000) });
  await recordRefund(site, { provider: "stripe", transactionId: "pi_3", amount: 4_000, timestamp: new Date(t0 + 21 * 3_600_000) });
  await deletePayment(site, "stripe", "pi_5");
  // A payment nobody could be matched to: its own "(unattributed)" touch.
  await recordPayment(site, { provider: "stripe", transactionId: "pi_orphan", amount: 2_500, currency: "USD", timestamp: new Date(t0 + 10 * 3_600_000) });
  // Subscriptions around the range, for MRR: cus_a grows then churns, cus_b shrinks, cus_c never renews.
  const subs: [string, string, number, boolean][] = [
    ["cus_a", "2026-04-20", 2_000, false], ["cus_a", "2026-05-20", 2_000, true], ["cus_a", "2026-06-20", 3_000, true],
    ["cus_b", "2026-05-03", 1_500, false], ["cus_b", "2026-06-03", 1_000, true], ["cus_b", "2026-07-03", 1_000, true],
    ["cus_c", "2026-06-25", 900, false],
  ];
  for (const [customerId, day, amount, renewal] of subs) {
    await recordPayment(site, { provider: "stripe", transactionId: `in_${customerId}_${day}`, amount, currency: "USD", customerId, renewal, timestamp: new Date(`${day}T12:00:00Z`) });
  }
}, 120_000);

// Every filter rule: session dimensions (touch or not), exit page, page and goal with each operator, combined.
const FILTERS = [
  [], ["country:is:DE"], ["page:is:/pricing"], ["goal:is:signup"], ["browser:is_not:Firefox"], ["entry_page:contains:BLOG"], ["channel:is:Direct", "page:contains:/blog"],
  ["exit_page:is:/signup"], ["exit_page:is_not:/"], ["goal:is:payment"], ["referrer:is:(none)"], ["page:is_not:/pricing"], ["goal:is_not:signup", "device:is:desktop"], ["city:contains:ERL", "utm_source:is:newsletter"],
  // A missing value reads "(none)" under every operator.
  ["referrer:contains:NON"], ["utm_source:is_not:(none)", "page:contains:(NO"],
];
const RANGE = { from: "2026-05-11", to: "2026-05-14" };
const ZONES = ["Asia/Kolkata", "America/Los_Angeles", "UTC"];

/** The engine and the recount on the same question, in each zone and attribution model. */
async function expectSameAnswers(raw: RawData, seeded = true) {
  for (const timezone of ZONES) {
    const zoned = { ...site, timezone };
    for (const model of ["last_touch", "first_touch"]) {
      for (const filter of FILTERS) {
        const ctx = await statsContext(zoned, overviewQuerySchema.parse({ ...RANGE, filter, model }));
        const overview = await getOverview(ctx);
        const { viewsPerSession: _v, revenueByCurrency: _r, ...headline } = overview;
        expect(headline, `${timezone} ${model} ${filter.join()}`).toEqual(recountOverview(raw, ctx));
        if (seeded && !filter.length && timezone === TZ) expect([overview.sessions, overview.payments, overview.revenue > 0, overview.revenueByCurrency.length]).toEqual([301, 11, true, 2]);
        const summary = await getRevenueSummary(ctx);
        expect(summary, `revenue ${timezone} ${model} ${filter.join()}`).toEqual(recountRevenueSummary(raw, ctx));
        expect(summary.net).toBe(overview.revenue);
        const series = await statsContext(zoned, timeseriesQuerySchema.parse({ ...RANGE, filter, model, interval: "hour" }));
        const alone = await getTimeseries(series);
        expect(alone, `${timezone} ${model} ${filter.join()}`).toEqual(recountTimeseries(raw, series));
        // Asked together, as a dashboard load asks them (one scan for both unless a page filter narrows the chart).
        const periods = [ctx.period.range, ctx.period.previous!];
        const scan = scansTogether();
        const together = await Promise.all([getOverviews(ctx, periods, scan), getTimeseriesOf(series, periods, "hour", scan)]);
        expect(together, `together: ${timezone} ${model} ${filter.join()}`).toEqual([await getOverviews(ctx, periods), await getTimeseriesOf(series, periods, "hour")]);
        expect([together[0][0], together[1][0]]).toEqual([overview, alone]);
      }
    }
  }
  for (const timezone of ZONES) {
    const ctx = await statsContext({ ...site, timezone }, overviewQuerySchema.parse({ from: "2026-04-01", to: "2026-07-31" }));
    const mrr = await getMrr(ctx);
    expect(mrr, timezone).toEqual(recountMrr(raw, ctx, ["2026-04", "2026-05", "2026-06", "2026-07"]));
    // Not a vacuous agreement: every kind of movement happens.
    const sum = (k: "newMrr" | "expansion" | "contraction" | "churn") => mrr.reduce((n, m) => n + m[k], 0);
    expect([sum("newMrr") > 0, sum("expansion") > 0, sum("contraction") > 0, sum("churn") > 0], timezone).toEqual([true, true, true, true]);
  }
  for (const model of ["last_touch", "first_touch"]) {
    for (const dimension of DIMENSIONS) {
      for (const filter of [[], ["country:is:DE"], ["page:contains:/blog"], ["channel:is:Direct", "goal:is_not:cta"]]) {
        const ctx = await statsContext(site, breakdownQuerySchema.parse({ ...RANGE, dimension, filter, model, limit: 1000 }));
        const { rows } = await getBreakdown(ctx, dimension, 1000);
        expect(rows, `${model} ${dimension} ${filter.join()}`).toEqual(recountBreakdown(raw, ctx, dimension));
        if (seeded && !filter.length) expect(rows.length, dimension).toBeGreaterThan(0);
        if (seeded && !filter.length && dimension === "channel") expect(rows.find((r) => r.value === "(unattributed)")).toMatchObject({ visitors: 0, revenue: 2_500, payments: 1 });
      }
    }
    // Every dimension asked together, as a dashboard load asks its panels (one scan for the column ones; the touch
    // filter sends each to its own statements): the recount for the range, and the lone answer for the period before.
    for (const filter of [[], ["page:contains:/blog", "device:is_not:tablet"], ["country:is:DE"]]) {
      const ctx = await statsContext(site, overviewQuerySchema.parse({ ...RANGE, filter, model }));
      const periods = [ctx.period.range, ctx.period.previous!];
      const together = await breakdownsTogether(ctx, [...DIMENSIONS], periods);
      for (const [i, dimension] of DIMENSIONS.entries()) {
        expect(topRows(together[i][0], 1000), `together: ${model} ${dimension} ${filter.join()}`).toEqual(recountBreakdown(raw, ctx, dimension));
        expect(together[i], `together, both periods: ${model} ${dimension} ${filter.join()}`).toEqual(await breakdownRows(ctx, dimension, periods));
      }
    }
  }
}

describe("the stats engine", () => {
  it("answers every question as a recount of the raw documents does", async () => {
    await expectSameAnswers(await readRaw(websiteId));
  }, 300_000);

  it("answers the same when filled from the raw documents by the backfill (an install from before the engine)", async () => {
    const live = process.env.TRAILMARK_ENGINE_DATABASE!;
    process.env.TRAILMARK_ENGINE_DATABASE = `${live}_backfilled`;
    try {
      const phases = new Set<string>();
      const moved = await backfillFromStore({ progress: (phase) => phases.add(phase) });
      expect(moved.sessions).toBe(301);
      expect([...phases]).toEqual(["reading the store", "making the visits' rows"]);
      await expectSameAnswers(await readRaw(websiteId));
      // Again: what it wrote is replaced, not added to.
      await backfillFromStore();
      await expectSameAnswers(await readRaw(websiteId));
    } finally {
      process.env.TRAILMARK_ENGINE_DATABASE = live;
    }
  }, 600_000);

  it("sees a payment, refund or deletion made after a read", async () => {
    const ctx = await statsContext(site, overviewQuerySchema.parse(RANGE));
    const before = await getOverview(ctx);
    await recordPayment(site, { provider: "stripe", transactionId: "pi_late", amount: 777, currency: "USD", visitorId: "v3", timestamp: new Date(Date.UTC(2026, 4, 12, 12)) });
    expect((await getOverview(ctx)).revenue).toBe(before.revenue + 777);
    await recordRefund(site, { provider: "stripe", transactionId: "pi_late", amount: 700, timestamp: new Date(Date.UTC(2026, 4, 12, 13)) });
    expect((await getOverview(ctx)).revenue).toBe(before.revenue + 77);
    await deletePayment(site, "stripe", "pi_late");
    expect(await getOverview(ctx)).toEqual(before);
    expect(recountOverview(await readRaw(websiteId), ctx)).toMatchObject({ revenue: before.revenue, payments: before.payments });
  });

  it("answers the same after a retention pass, with nothing from before its cutoff left", async () => {
    // Mid-range, mid-visit-stream: visits that started before go whole, with their pageviews and goals.
    const cutoff = new Date(Date.UTC(2026, 4, 12, 12));
    const before = await readRaw(websiteId);
    const done = await applyRetention({ _id: websiteId, timezone: TZ }, cutoff);
    const raw = await readRaw(websiteId);
    expect(done.sessions).toBe(before.visits.filter((v) => v.startedAt < cutoff.getTime()).length);
    expect(done.sessions).toBeGreaterThan(50);
    expect(raw.visits.length).toBe(before.visits.length - done.sessions);
    expect(raw.visits.every((v) => v.startedAt >= cutoff.getTime())).toBe(true);
    expect(raw.payments.filter((p) => p.at < cutoff.getTime()).every((p) => p.visitorId === undefined)).toBe(true);
    expect(raw.payments.length).toBe(before.payments.length);
    const e = await engine();
    const [left] = await e.query<{ n: number }>(`SELECT count() AS n FROM ${e.tables.events} WHERE website_id = ${str(websiteId)} AND session_start < ${at(cutoff)} SETTINGS apply_deleted_mask = 0`);
    expect(Number(left.n)).toBe(0);
    await expectSameAnswers(raw, false);
  }, 300_000);
});
