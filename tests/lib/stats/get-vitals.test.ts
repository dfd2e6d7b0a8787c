// getVitals on the engine: p75 per metric for the whole range, per page and
// per device, with Google's rating, scoped by website, range and filters. The
// expected percentiles are worked out here from the values written.
import { describe, expect, it } from "vitest";
import { vitalsQuerySchema } from "@/lib/schemas/stats";
import { statsContext, statsSite } from "@/lib/stats";
import { getVitals } from "@/lib/stats/get-vitals";
import { rateVital } from "@/lib/stats/vitals-ratings";
import { makeVisit, makeWebsite } from "../../factories";
import { makeVitals } from "../../factories/vitals";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("getvitals");

const now = new Date("2026-03-10T12:00:00Z");
const on9th = { from: "2026-03-09", to: "2026-03-09" };
type Site = Awaited<ReturnType<typeof makeWebsite>>;
const vitalsOf = async (site: Site, q: Record<string, unknown> = {}, limit = 10) =>
  getVitals(await statsContext(statsSite(site), { ...vitalsQuerySchema.parse({ ...on9th, ...q }), model: "last_touch" }, now), limit);

/** The 75th percentile as the linear interpolation between the closest ranks (rank 0.75 × (n − 1)). */
function p75(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = 0.75 * (s.length - 1);
  const lo = Math.floor(rank);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (rank - lo);
}

// A small deterministic generator: different numbers every metric, no hand-picked answers.
function numbers(seed: number, n: number, scale: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.round((x / 2 ** 31) * scale);
  });
}

const at9 = (minute: number) => new Date(Date.UTC(2026, 2, 9, 10, minute));

async function seed() {
  const site = await makeWebsite({ timezone: "UTC" });
  const id = String(site._id);
  // Two visitors: ada came from a referral on a desktop, bo directly on a phone.
  await makeVisit(site._id, at9(0), { visitorId: "ada", paths: ["/", "/pricing"], channel: "Referral", device: "desktop", country: "DE" });
  await makeVisit(site._id, at9(1), { visitorId: "bo", paths: ["/pricing"], channel: "Direct", device: "mobile", country: "US" });
  const home = { lcp: numbers(1, 9, 6000), inp: numbers(2, 9, 700), ttfb: numbers(3, 9, 2500) };
  const pricing = { lcp: numbers(4, 5, 5000), cls: numbers(5, 5, 3000).map((v) => v / 10_000), ttfb: numbers(6, 5, 2000) };
  await makeVitals(id, [
    ...home.lcp.map((lcp, i) => ({ at: at9(i), path: "/", visitorId: "ada", vitals: { lcp, inp: home.inp[i], ttfb: home.ttfb[i] }, context: { device: "desktop", country: "DE" } })),
    ...pricing.lcp.map((lcp, i) => ({ at: at9(20 + i), path: "/pricing", visitorId: "bo", vitals: { lcp, cls: pricing.cls[i], ttfb: pricing.ttfb[i] }, context: { device: "mobile", country: "US" } })),
    // Outside the range, and on another site: never counted.
    { at: new Date(Date.UTC(2026, 2, 8, 23, 59)), path: "/", vitals: { lcp: 99_000 } },
  ]);
  await makeVitals(String((await makeWebsite())._id), [{ at: at9(5), path: "/", vitals: { lcp: 99_000 } }]);
  return { site, home, pricing };
}

const metric = (name: "lcp" | "inp" | "cls" | "ttfb", values: number[]) => {
  const raw = p75(values);
  const rounded = name === "cls" ? Math.round(raw * 10_000) / 10_000 : Math.round(raw);
  return { p75: rounded, samples: values.length, rating: rateVital(name, rounded) };
};

describe("getVitals", () => {
  it("answers p75, samples and rating overall, per page and per device", async () => {
    const { site, home, pricing } = await seed();
    const v = await vitalsOf(site);
    expect(v.total).toEqual({
      samples: 14,
      lcp: metric("lcp", [...home.lcp, ...pricing.lcp]),
      inp: metric("inp", home.inp),
      cls: metric("cls", pricing.cls),
      ttfb: metric("ttfb", [...home.ttfb, ...pricing.ttfb]),
    });
    expect(v.pages).toEqual([
      { value: "/", samples: 9, lcp: metric("lcp", home.lcp), inp: metric("inp", home.inp), cls: null, ttfb: metric("ttfb", home.ttfb) },
      { value: "/pricing", samples: 5, lcp: metric("lcp", pricing.lcp), inp: null, cls: metric("cls", pricing.cls), ttfb: metric("ttfb", pricing.ttfb) },
    ]);
    expect(v.devices.map((d) => [d.value, d.samples, d.lcp?.p75])).toEqual([["desktop", 9, metric("lcp", home.lcp).p75], ["mobile", 5, metric("lcp", pricing.lcp).p75]]);
  });

  it("applies the filters: the page load's own dimensions on its row, the others through the visitor's visits", async () => {
    const { site, home, pricing } = await seed();
    const only = async (filter: string[]) => (await vitalsOf(site, { filter })).pages.map((p) => [p.value, p.samples, p.lcp?.p75]);
    const homeRow = ["/", 9, metric("lcp", home.lcp).p75];
    const pricingRow = ["/pricing", 5, metric("lcp", pricing.lcp).p75];
    expect(await only(["device:is:mobile"])).toEqual([pricingRow]);
    expect(await only(["page:is:/"])).toEqual([homeRow]);
    expect(await only(["page:is_not:/"])).toEqual([pricingRow]);
    expect(await only(["country:is:DE"])).toEqual([homeRow]);
    expect(await only(["browser:is:Safari"])).toEqual([]);
    // Channel is the visit's: ada's visit came from a referral, so only ada's page loads.
    expect(await only(["channel:is:Referral"])).toEqual([homeRow]);
    expect(await only(["channel:is:Direct", "device:is:mobile"])).toEqual([pricingRow]);
    expect(await only(["channel:is:Organic Search"])).toEqual([]);
    // The page filter tests each page load, not the visit: ada's visit also viewed /pricing, her loads of / still count.
    expect(await only(["channel:is:Referral", "page:is_not:/pricing"])).toEqual([homeRow]);
  });

  it("keeps the most measured pages within the limit, and answers nulls for a range without vitals", async () => {
    const { site } = await seed();
    expect((await vitalsOf(site, {}, 1)).pages.map((p) => p.value)).toEqual(["/"]);
    const empty = await vitalsOf(site, { from: "2026-03-01", to: "2026-03-01" });
    expect(empty).toEqual({ total: { samples: 0, lcp: null, inp: null, cls: null, ttfb: null }, pages: [], devices: [] });
  });
});

describe("rateVital", () => {
  it("rates with Google's thresholds: good up to the first, poor past the second", () => {
    const cases: [Parameters<typeof rateVital>[0], number, string][] = [
      ["lcp", 2500, "good"], ["lcp", 2501, "needs_improvement"], ["lcp", 4000, "needs_improvement"], ["lcp", 4001, "poor"],
      ["inp", 200, "good"], ["inp", 201, "needs_improvement"], ["inp", 500, "needs_improvement"], ["inp", 501, "poor"],
      ["cls", 0.1, "good"], ["cls", 0.1001, "needs_improvement"], ["cls", 0.25, "needs_improvement"], ["cls", 0.2501, "poor"],
      ["ttfb", 800, "good"], ["ttfb", 801, "needs_improvement"], ["ttfb", 1800, "needs_improvement"], ["ttfb", 1801, "poor"],
    ];
    for (const [name, value, rating] of cases) expect(rateVital(name, value), `${name} ${value}`).toBe(rating);
  });
});
