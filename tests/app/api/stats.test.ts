// The stats routes over real HTTP: /api/v1/stats/* (API key) and the dashboard's
// /api/websites/{id}/stats/* (session), against data built with the factories.
import { beforeAll, describe, expect, it } from "vitest";
import { overviewQuerySchema } from "@/lib/schemas/stats";
import { getOverview, statsContext } from "@/lib/stats";
import { seedVisitorsOn } from "../../factories/stats";
import { expectApiError } from "../../helpers/api";
import { json, useV1, v1 } from "../../helpers/api-v1";
import { Client, newUser } from "../../helpers/client";

const t = useV1("stats");
const day = "from=2026-03-09&to=2026-03-09";

beforeAll(async () => {
  await seedVisitorsOn({ _id: t.a.oid });
});

/** What lib/stats answers in-process for site A: the routes must return exactly this. */
async function expected(q: Record<string, unknown>) {
  return getOverview(await statsContext({ id: t.a.id, timezone: t.a.timezone, currency: t.a.currency }, overviewQuerySchema.parse(q)));
}

describe("GET /api/v1/stats/*", () => {
  it("answers the overview in exactly the documented shape", async () => {
    const body = await json(await v1(t.app.url, t.a.key, "GET", `/stats/overview?${day}&filter=country:is:DE`), 200);
    expect(Object.keys(body).sort()).toEqual(["avgSessionDuration", "bounceRate", "conversionRate", "currency", "pageviews", "payments", "revenue", "revenuePerVisitor", "sessions", "visitors"]);
    const { viewsPerSession: _v, revenueByCurrency: _r, ...want } = await expected({ from: "2026-03-09", to: "2026-03-09", filter: ["country:is:DE"] });
    expect(body).toEqual(want);
    expect(body).toMatchObject({ visitors: 2, revenue: 6000 }); // b and c, as seeded
  });

  it("answers timeseries and breakdown", async () => {
    const ts = await json<{ interval: string; points: { time: string; visitors: number }[] }>(await v1(t.app.url, t.a.key, "GET", `/stats/timeseries?from=2026-03-08&to=2026-03-10&interval=day`), 200);
    expect(ts.interval).toBe("day");
    expect(ts.points.map((p) => [p.time.slice(0, 10), p.visitors])).toEqual([["2026-03-08", 0], ["2026-03-09", 5], ["2026-03-10", 1]]);
    const bd = await json<{ dimension: string; rows: { value: string; revenue: number }[] }>(
      await v1(t.app.url, t.a.key, "GET", `/stats/breakdown?${day}&dimension=channel&model=first_touch&filter=device:is:desktop&limit=2`),
      200,
    );
    expect(bd.dimension).toBe("channel");
    expect(bd.rows.map((r) => [r.value, r.revenue])).toEqual([["Organic Search", 2500], ["Direct", 1000]]);
  });

  it("sees only the key's website", async () => {
    const body = await json(await v1(t.app.url, t.b.key, "GET", `/stats/overview?${day}`), 200);
    expect(body).toMatchObject({ visitors: 0, sessions: 0, revenue: 0, payments: 0 });
  });

  it("needs a key", async () => {
    await expectApiError(await v1(t.app.url, null, "GET", "/stats/overview"), 401, "unauthorized");
    await expectApiError(await v1(t.app.url, "tm_nope", "GET", "/stats/breakdown?dimension=page"), 401, "unauthorized");
  });

  it.each([
    "/stats/overview?period=fortnight",
    "/stats/overview?filter=country:equals:DE",
    "/stats/overview?filter=planet:is:Mars",
    "/stats/overview?from=2026-03-10&to=2026-03-01",
    "/stats/timeseries?interval=minute",
    "/stats/timeseries?from=2020-01-01&to=2026-01-01&interval=hour",
    "/stats/breakdown",
    "/stats/breakdown?dimension=page&limit=5000",
  ])("refuses %s with 400", async (path) => {
    await expectApiError(await v1(t.app.url, t.a.key, "GET", path), 400, "invalid_input");
  });
});

describe("GET /api/websites/{id}/stats/*", () => {
  const path = (kind: string, qs: string, id = t.a.id) => `/api/websites/${id}/stats/${kind}?${qs}`;

  it("adds the previous period and the range to the overview", async () => {
    const body = await json<Record<string, unknown>>(await t.owner.client.get(path("overview", "from=2026-03-10&to=2026-03-10")), 200);
    const current = await expected({ from: "2026-03-10", to: "2026-03-10" });
    const previous = await expected({ from: "2026-03-09", to: "2026-03-09" });
    // `imported` is null: no imported history covers these days.
    expect(body).toEqual({ ...current, previous, range: { period: "custom", timezone: t.a.timezone, current: expect.any(Object), previous: expect.any(Object) }, imported: null });
    expect(body.range).toMatchObject({ current: { start: expect.stringMatching(/^2026-03-10T00:00:00/) }, previous: { start: expect.stringMatching(/^2026-03-09T00:00:00/) } });
  });

  it("adds previous buckets to the timeseries and previous values to breakdown rows", async () => {
    const ts = await json<{ points: { visitors: number }[]; previous: { visitors: number }[] }>(await t.owner.client.get(path("timeseries", "from=2026-03-10&to=2026-03-10&interval=day")), 200);
    expect([ts.points.map((p) => p.visitors), ts.previous.map((p) => p.visitors)]).toEqual([[1], [5]]);
    const bd = await json<{ rows: { value: string; visitors: number; previous: { visitors: number } }[] }>(await t.owner.client.get(path("breakdown", "from=2026-03-10&to=2026-03-10&dimension=country")), 200);
    expect(bd.rows.map((r) => [r.value, r.visitors, r.previous.visitors])).toEqual([["FR", 1, 1]]);
  });

  it("leaves the previous values out of breakdown rows when asked for none, with the same current rows", async () => {
    const q = "from=2026-03-10&to=2026-03-10&dimension=country";
    const full = await json<{ rows: Record<string, unknown>[] }>(await t.owner.client.get(path("breakdown", q)), 200);
    const bare = await json<{ rows: Record<string, unknown>[]; range: { previous: unknown } }>(await t.owner.client.get(path("breakdown", `${q}&compare=none`)), 200);
    expect(bare.rows).toEqual(full.rows.map((r) => ({ ...r, previous: null })));
    expect(bare.range.previous).not.toBeNull();
  });

  it("is a 404 for someone else's website and a 401 without a session", async () => {
    const stranger = await newUser(t.app.url, "Stranger");
    await expectApiError(await stranger.client.get(path("overview", day)), 404);
    await expectApiError(await new Client(t.app.url).get(path("breakdown", "dimension=page")), 401);
  });

  it("refuses bad parameters with 400", async () => {
    await expectApiError(await t.owner.client.get(path("breakdown", "dimension=colour")), 400, "invalid_input");
    await expectApiError(await t.owner.client.get(path("overview", "filter=page")), 400, "invalid_input");
    await expectApiError(await t.owner.client.get(path("breakdown", "dimension=page&compare=last_year")), 400, "invalid_input");
  });
});

describe("GET /api/websites/{id}/stats/dashboard", () => {
  const load = (parts: string[], id = t.a.id, extra = "") => `/api/websites/${id}/stats/dashboard?${parts.map((p) => `part=${encodeURIComponent(p)}`).join("&")}${extra}`;
  type Answer = { ok: true; data: unknown } | { ok: false; status: number; code: string; message: string };

  it("answers each part exactly as its own route does, in the order asked", async () => {
    const q = "from=2026-03-09&to=2026-03-10&filter=device:is:desktop";
    const parts = [`overview?${q}`, `timeseries?${q}&interval=day`, `breakdown?${q}&dimension=channel&limit=100&compare=none`, `breakdown?${q}&dimension=country&model=first_touch`, `overview?from=2026-03-10`];
    const body = await json<{ parts: Answer[] }>(await t.owner.client.get(load(parts)), 200);
    const alone = await Promise.all(parts.map(async (p) => json(await t.owner.client.get(`/api/websites/${t.a.id}/stats/${p}`), 200)));
    expect(body.parts).toEqual(alone.map((data) => ({ ok: true, data })));
    // Not an echo of one answer: the parts differ as their questions do.
    expect((alone[0] as { visitors: number }).visitors).toBeGreaterThan(0);
    expect(alone[0]).not.toEqual(alone[4]);
  });

  it("gives a bad part its own error and still answers the others", async () => {
    const body = await json<{ parts: Answer[] }>(
      await t.owner.client.get(load([`overview?${day}`, "breakdown?dimension=colour", "timeseries?from=2020-01-01&to=2026-01-01&interval=hour", "visitors?limit=5", "constructor"])),
      200,
    );
    expect(body.parts[0]).toEqual({ ok: true, data: expect.objectContaining({ visitors: expect.any(Number) }) });
    expect(body.parts.slice(1)).toEqual([
      { ok: false, status: 400, code: "invalid_input", message: expect.stringContaining("dimension") },
      { ok: false, status: 400, code: "invalid_input", message: expect.stringContaining("too many") },
      { ok: false, status: 400, code: "invalid_input", message: expect.stringContaining("unknown call") },
      { ok: false, status: 400, code: "invalid_input", message: expect.stringContaining("unknown call") },
    ]);
  });

  it("refuses a load without parts, with too many, or with anything else in its query", async () => {
    await expectApiError(await t.owner.client.get(`/api/websites/${t.a.id}/stats/dashboard`), 400, "invalid_input");
    await expectApiError(await t.owner.client.get(load(Array.from({ length: 17 }, () => `overview?${day}`))), 400, "invalid_input");
    await expectApiError(await t.owner.client.get(load([`overview?${day}`], t.a.id, "&period=7d")), 400, "invalid_input");
  });

  it("is a 404 for someone else's website and a 401 without a session", async () => {
    const stranger = await newUser(t.app.url, "Stranger");
    await expectApiError(await stranger.client.get(load([`overview?${day}`])), 404);
    await expectApiError(await new Client(t.app.url).get(load([`overview?${day}`])), 401);
  });
});

