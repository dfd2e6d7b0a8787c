// Web vitals end to end over real HTTP: page loads' vitals posted to
// /api/track by desktop and phone browsers are stored, and /api/v1/stats/vitals
// (and the dashboard's own route) answer their p75 per page and per device,
// worked out here from the numbers posted. They are no pageviews, and go with
// their website.
import { describe, expect, it } from "vitest";
import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import { expectApiError } from "../../helpers/api";
import { json, useV1, v1 } from "../../helpers/api-v1";
import { eventually } from "../../helpers/eventually";
import { expectAccepted, postTrack, UA } from "../../helpers/track";

const t = useV1("vitalsapi");

type Metric = { p75: number; samples: number; rating: string } | null;
type Group = { samples: number; lcp: Metric; inp: Metric; cls: Metric; ttfb: Metric };
type Answer = { total: Group; pages: (Group & { value: string })[]; devices: (Group & { value: string })[] };
type Name = "lcp" | "inp" | "cls" | "ttfb";

// Google's thresholds (web.dev/articles/vitals): good up to the first, poor above the second.
const GOOGLE: Record<Name, [number, number]> = { lcp: [2500, 4000], inp: [200, 500], cls: [0.1, 0.25], ttfb: [800, 1800] };

const STEPS: Record<Name, number> = { lcp: 1, inp: 1, cls: 10_000, ttfb: 1 };

/** p75 by linear interpolation between the closest ranks, counted in whole steps (ms, 0.0001 of CLS), halfway rounded up, then rated. */
function expectedMetric(name: Name, values: number[]): Metric {
  if (!values.length) return null;
  const s = values.map((v) => Math.round(v * STEPS[name])).sort((a, b) => a - b);
  const rank = 0.75 * (s.length - 1);
  const lo = Math.floor(rank);
  const raw = s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (rank - lo);
  const p75 = Math.floor(raw + 0.5) / STEPS[name];
  const [good, poor] = GOOGLE[name];
  return { p75, samples: values.length, rating: p75 <= good ? "good" : p75 <= poor ? "needs_improvement" : "poor" };
}

type Load = { path: string; device: "desktop" | "mobile"; vitals: Partial<Record<Name, number>> };

/** What the tracker measured, as /api/track stores it: ms to whole numbers, CLS to 4 decimals. */
const stored = (name: Name, v: number) => (name === "cls" ? Math.round(v * 10_000) / 10_000 : Math.round(v));

function expectedGroup(loads: Load[]): Group {
  const of = (name: Name) => loads.flatMap((l) => (l.vitals[name] === undefined ? [] : [stored(name, l.vitals[name]!)]));
  return { samples: loads.length, lcp: expectedMetric("lcp", of("lcp")), inp: expectedMetric("inp", of("inp")), cls: expectedMetric("cls", of("cls")), ttfb: expectedMetric("ttfb", of("ttfb")) };
}

function expectedAnswer(loads: Load[]): Answer {
  const grouped = (key: (l: Load) => string) => {
    const groups = new Map<string, Load[]>();
    for (const l of loads) groups.set(key(l), [...(groups.get(key(l)) ?? []), l]);
    return [...groups].map(([value, ls]) => ({ value, ...expectedGroup(ls) })).sort((a, b) => b.samples - a.samples || a.value.localeCompare(b.value));
  };
  return { total: expectedGroup(loads), pages: grouped((l) => l.path), devices: grouped((l) => l.device) };
}

// Random page loads: fractional milliseconds, as browsers report them; some metrics missing, as on pages without interaction.
const random = (max: number) => Math.random() * max;
function randomLoads(): Load[] {
  const loads: Load[] = [];
  for (let i = 0; i < 7; i++) loads.push({ path: "/", device: "desktop", vitals: { lcp: random(5000), inp: random(600), cls: random(0.3), ttfb: random(2000) } });
  for (let i = 0; i < 4; i++) loads.push({ path: "/pricing", device: "mobile", vitals: { lcp: random(6000), cls: random(0.4), ttfb: random(2500) } });
  loads.push({ path: "/pricing", device: "desktop", vitals: { lcp: random(3000), ttfb: random(900) } });
  return loads;
}

const uaOf = (device: Load["device"]) => (device === "mobile" ? UA.safariIphone : UA.chromeWindows);
const vitalsPath = "/stats/vitals?period=24h";

describe("web vitals through /api/track and the stats API", () => {
  const loads = randomLoads();

  it("posts page loads' vitals and reads their p75 per page and per device back", async () => {
    for (const [i, l] of loads.entries()) {
      const page = { websiteId: t.a.id, url: `https://${t.a.domain}${l.path}?ref=${i}`, visitorId: `vis${i}`, sessionId: `ses${i}` };
      await expectAccepted(await postTrack(t.app.url, { type: "pageview", ...page }, { "user-agent": uaOf(l.device) }));
      await expectAccepted(await postTrack(t.app.url, { type: "vitals", ...page, vitals: l.vitals }, { "user-agent": uaOf(l.device) }));
    }
    const want = expectedAnswer(loads);
    const answer = await eventually(async () => {
      const body = await json<Answer>(await v1(t.app.url, t.a.key, "GET", vitalsPath), 200);
      expect(body.total.samples).toBe(loads.length);
      return body;
    });
    expect(answer).toEqual(want);
    // The dashboard's own route answers the same; filters narrow it like the rest of the dashboard.
    expect(await json(await t.owner.client.get(`/api/websites/${t.a.id}${vitalsPath}`), 200)).toEqual(want);
    const mobile = await json<Answer>(await t.owner.client.get(`/api/websites/${t.a.id}${vitalsPath}&filter=device:is:mobile`), 200);
    expect(mobile).toEqual(expectedAnswer(loads.filter((l) => l.device === "mobile")));
    const pricing = await json<Answer>(await v1(t.app.url, t.a.key, "GET", `${vitalsPath}&filter=page:is:/pricing&limit=1`), 200);
    expect(pricing).toEqual(expectedAnswer(loads.filter((l) => l.path === "/pricing")));
  });

  it("counts vitals as no pageview, and shows them to no other website", async () => {
    const overview = await json<{ pageviews: number; sessions: number }>(await v1(t.app.url, t.a.key, "GET", "/stats/overview?period=24h"), 200);
    expect(overview).toMatchObject({ pageviews: loads.length, sessions: loads.length });
    const other = await json<Answer>(await v1(t.app.url, t.b.key, "GET", vitalsPath), 200);
    expect(other).toEqual({ total: { samples: 0, lcp: null, inp: null, cls: null, ttfb: null }, pages: [], devices: [] });
  });

  it("refuses a question it cannot answer, with a clear error", async () => {
    for (const q of ["model=first_touch", "limit=0", "filter=planet:is:Mars", "period=fortnight"]) {
      await expectApiError(await v1(t.app.url, t.a.key, "GET", `/stats/vitals?${q}`), 400, "invalid_input");
    }
    await expectApiError(await v1(t.app.url, null, "GET", "/stats/vitals"), 401, "unauthorized");
  });

  it("deletes a website's vitals with the website", async () => {
    const e = await engine();
    const count = async () => (await e.query<{ n: number }>(`SELECT count() AS n FROM ${e.tables.vitals} WHERE website_id = ${str(t.a.id)}`))[0].n;
    expect(await count()).toBe(loads.length);
    expect((await t.owner.client.delete(`/api/websites/${t.a.id}`)).status).toBe(204);
    expect(await count()).toBe(0);
  });
});
