// Dates at the edge of what stats can cover (1970-01-01 to 2099-12-31): stats,
// visitors and export answer 400 invalid_input for days past them, or for a
// comparison period that would start before them, never a 500; the days
// inside still work.
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../helpers/api";
import { json, useV1, v1 } from "../../helpers/api-v1";

const t = useV1("datebounds");

const outOfRange = [
  "from=9999-12-01&to=9999-12-31",
  "from=2026-01-01&to=9999-12-31",
  "from=2026-01-01&to=2100-01-01",
  "from=0001-01-01&to=0001-12-31",
  "from=0000-01-01&to=0000-01-02",
  // The range is fine; its comparison period (the 31 days before) starts in 1969.
  "from=1970-01-01&to=1970-01-31",
];

describe("days out of range", () => {
  it.each(outOfRange)("v1 stats: %s is a 400 on overview, timeseries and breakdown", async (q) => {
    for (const path of [`/stats/overview?${q}`, `/stats/timeseries?${q}&interval=month`, `/stats/breakdown?${q}&dimension=page`]) {
      const body = await expectApiError(await v1(t.app.url, t.a.key, "GET", path), 400, "invalid_input");
      expect(body.error.message, path).toMatch(/^(from|to)\b/);
    }
  });

  it.each(outOfRange)("dashboard stats: %s is a 400", async (q) => {
    await expectApiError(await t.owner.client.get(`/api/websites/${t.a.id}/stats/overview?${q}`), 400, "invalid_input");
    await expectApiError(await t.owner.client.get(`/api/websites/${t.a.id}/stats/breakdown?${q}&dimension=country`), 400, "invalid_input");
  });

  it.each(["from=2026-01-01&to=9999-12-31", "from=0000-01-01&to=2026-01-01", "from=2026-01-01T00:00:00Z&to=9999-12-31", "from=1969-12-31T23:59:59Z&to=2026-01-01"])("visitors and export: %s is a 400", async (q) => {
    await expectApiError(await v1(t.app.url, t.a.key, "GET", `/visitors?${q}`), 400, "invalid_input");
    await expectApiError(await v1(t.app.url, t.a.key, "GET", `/export?${q}`), 400, "invalid_input");
    await expectApiError(await t.owner.client.get(`/api/websites/${t.a.id}/export?${q}`), 400, "invalid_input");
  });

  it("still answers the first and last days it covers", async () => {
    const overview = await json<{ visitors: number }>(await v1(t.app.url, t.a.key, "GET", "/stats/overview?from=1970-02-01&to=1970-02-28"), 200);
    expect(overview.visitors).toBe(0);
    const last = await json<{ points: unknown[] }>(await v1(t.app.url, t.a.key, "GET", "/stats/timeseries?from=2099-12-01&to=2099-12-31&interval=day"), 200);
    expect(last.points).toHaveLength(31);
    const visitors = await json<{ visitors: unknown[] }>(await v1(t.app.url, t.a.key, "GET", "/visitors?from=1970-01-01&to=2099-12-31"), 200);
    expect(visitors.visitors).toEqual([]);
    const csv = await v1(t.app.url, t.a.key, "GET", "/export?from=1970-01-01&to=2099-12-31");
    expect(csv.status, await csv.clone().text()).toBe(200);
  });
});
