// Visit blocks written by the real ingest path must answer every stats question
// exactly as the raw Session / PageView / GoalEvent / Payment documents do:
// sessions spanning batches, a restart in between, an idle split, goals sent
// by the API and by payments, refunds and a deleted payment, in a +05:30 zone
// whose local days straddle UTC midnight; and again after compaction.
import { Types } from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { compactDay } from "@/lib/blocks/compact";
import { paymentIndexId, visitIndexId } from "@/lib/blocks/keys";
import { markBlocksSince } from "@/lib/blocks/meta";
import { writeBatch, type BufferedEvent } from "@/lib/ingest/buffer";
import { resetSessionCache } from "@/lib/ingest/sessionize";
import { deletePayment } from "@/lib/revenue/delete-payment";
import { recordPayment } from "@/lib/revenue/record-payment";
import { recordRefund } from "@/lib/revenue/refunds";
import { breakdownQuerySchema, overviewQuerySchema, timeseriesQuerySchema } from "@/lib/schemas/stats";
import { getBreakdown, getOverview, getTimeseries, statsContext, statsSite, type StatsSite } from "@/lib/stats";
import { DIMENSIONS } from "@/lib/stats/dimensions";
import { blocksCover } from "@/lib/stats/select";
import { recordGoal } from "@/lib/visitors/record-goal";
import { BlockIndex } from "@/models/BlockIndex";
import { BlockPart } from "@/models/BlockPart";
import { makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("blocksvsraw");

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
  await markBlocksSince(websiteId, new Date(0)); // as createWebsite does for a new site
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
  // Refunded the same days: the raw path reads a visit's goal events up to a day past the range only.
  await recordRefund(site, { provider: "stripe", transactionId: "pi_2", amount: 1_500, timestamp: new Date(t0 + 20 * 3_600_000) });
  await recordRefund(site, { provider: "stripe", transactionId: "pi_3", amount: 4_000, timestamp: new Date(t0 + 21 * 3_600_000) });
  await deletePayment(site, "stripe", "pi_5");
}, 120_000);

/** The same question answered from blocks and from raw documents. */
async function both<T>(ask: () => Promise<T>): Promise<[T, T]> {
  const fromBlocks = await ask();
  process.env.TRAILMARK_STATS_RAW = "1";
  try {
    return [fromBlocks, await ask()];
  } finally {
    delete process.env.TRAILMARK_STATS_RAW;
  }
}

const FILTERS = [[], ["country:is:DE"], ["page:is:/pricing"], ["goal:is:signup"], ["browser:is_not:Firefox"], ["entry_page:contains:BLOG"], ["channel:is:Direct", "page:contains:/blog"], ["exit_page:is:/signup"], ["goal:is:payment"], ["referrer:is:(none)"]];
const RANGE = { from: "2026-05-11", to: "2026-05-14" };

async function expectSameAnswers() {
  for (const filter of FILTERS) {
    const ctx = await statsContext(site, overviewQuerySchema.parse({ ...RANGE, filter }));
    expect(await blocksCover(site.id, ctx.period.range)).toBe(true);
    const [blocks, raw] = await both(() => getOverview(ctx));
    expect(blocks, filter.join()).toEqual(raw);
    if (!filter.length) expect([raw.sessions, raw.payments, raw.revenue > 0, raw.revenueByCurrency.length]).toEqual([301, 10, true, 2]);
    const series = await statsContext(site, timeseriesQuerySchema.parse({ ...RANGE, filter, interval: "hour" }));
    const [bs, rs] = await both(() => getTimeseries(series));
    expect(bs, filter.join()).toEqual(rs);
  }
  for (const dimension of DIMENSIONS) {
    for (const filter of [[], ["country:is:DE"], ["page:contains:/blog"]]) {
      const ctx = await statsContext(site, breakdownQuerySchema.parse({ ...RANGE, dimension, filter, limit: 1000 }));
      const [blocks, raw] = await both(() => getBreakdown(ctx, dimension, 1000));
      expect(blocks, `${dimension} ${filter.join()}`).toEqual(raw);
      if (!filter.length) expect(raw.rows.length, dimension).toBeGreaterThan(0);
    }
  }
}

describe("visit blocks", () => {
  it("answer every question as the raw documents do", async () => {
    const parts = await BlockPart.countDocuments({ websiteId: new Types.ObjectId(websiteId), kind: "visits" });
    expect(parts).toBeGreaterThan(5);
    await expectSameAnswers();
  }, 180_000);

  it("answer the same after each day's parts are folded into one", async () => {
    const days = ["2026-05-11", "2026-05-12", "2026-05-13", "2026-05-14"];
    let folded = 0;
    for (const day of days) folded += await compactDay(websiteId, day, 0);
    expect(folded).toBeGreaterThan(4);
    const index = await BlockIndex.findById(visitIndexId(websiteId, "2026-05")).lean<{ parts: Record<string, Record<string, number>> }>();
    for (const day of Object.keys(index!.parts)) expect(Object.keys(index!.parts[day]), day).toHaveLength(1);
    expect(await BlockPart.countDocuments({ websiteId: new Types.ObjectId(websiteId), kind: "visits" })).toBe(Object.keys(index!.parts).length);
    await expectSameAnswers();
  }, 180_000);

  it("see a payment, refund or deletion made after a month's payments were read", async () => {
    const ctx = await statsContext(site, overviewQuerySchema.parse(RANGE));
    const before = await getOverview(ctx);
    await recordPayment(site, { provider: "stripe", transactionId: "pi_late", amount: 777, currency: "USD", visitorId: "v3", timestamp: new Date(Date.UTC(2026, 4, 12, 12)) });
    expect((await getOverview(ctx)).revenue).toBe(before.revenue + 777);
    await recordRefund(site, { provider: "stripe", transactionId: "pi_late", amount: 700, timestamp: new Date(Date.UTC(2026, 4, 12, 13)) });
    expect((await getOverview(ctx)).revenue).toBe(before.revenue + 77);
    await deletePayment(site, "stripe", "pi_late");
    const [blocks, raw] = await both(() => getOverview(ctx));
    expect(blocks).toEqual(before);
    expect(raw).toEqual(before);
    // 18 changes to May's payments so far, folded at twelve parts: the month reads as few parts.
    const index = await BlockIndex.findById(paymentIndexId(websiteId, "2026-05")).lean<{ parts: Record<string, number> }>();
    expect(Object.keys(index!.parts).length).toBeLessThan(12);
  });

  it("are not used for a range that starts before the website's blocks began", async () => {
    const other = await makeWebsite({ timezone: "UTC" });
    await markBlocksSince(String(other._id), new Date(Date.UTC(2026, 4, 12, 9)));
    const ctx = await statsContext(statsSite(other), overviewQuerySchema.parse({ from: "2026-05-12", to: "2026-05-12" }));
    expect(await blocksCover(String(other._id), ctx.period.range)).toBe(false);
    const later = await statsContext(statsSite(other), overviewQuerySchema.parse({ from: "2026-05-13", to: "2026-05-13" }));
    expect(await blocksCover(String(other._id), later.period.range)).toBe(true);
  });
});
