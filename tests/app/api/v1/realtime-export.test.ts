// GET /api/v1/realtime and GET /api/v1/export (CSV).
import { beforeAll, describe, expect, it } from "vitest";
import { eventRow, insertEvents, type EventInput } from "@/lib/engine/events";
import { expectApiError } from "../../../helpers/api";
import { json, useV1, v1 } from "../../../helpers/api-v1";
import { parseCsv } from "../../../helpers/csv";
import { unzip } from "../../../helpers/unzip";
import { expectAccepted, postTrack, uid } from "../../../helpers/track";

const t = useV1("v1realtime");

describe("GET /api/v1/realtime", () => {
  it("counts distinct visitors active in the last five minutes, per website", async () => {
    const [x, y] = [uid(), uid()];
    for (const [visitorId, path] of [[x, "/a"], [x, "/b"], [y, "/a"]]) {
      await expectAccepted(await postTrack(t.app.url, { type: "pageview", websiteId: t.a.id, url: `https://${t.a.domain}${path}`, visitorId, sessionId: `s${visitorId}` }));
    }
    const now = await json<{ activeVisitors: number; windowSeconds: number; pages: unknown[] }>(await v1(t.app.url, t.a.key, "GET", "/realtime"), 200);
    expect(now).toMatchObject({ activeVisitors: 2, windowSeconds: 300 });
    const other = await json<{ activeVisitors: number; pages: unknown[] }>(await v1(t.app.url, t.b.key, "GET", "/realtime"), 200);
    expect(other).toMatchObject({ activeVisitors: 0, pages: [] });
  });

  it("lists the pages active visitors viewed once written", async () => {
    await expect
      .poll(async () => (await json<{ pages: unknown[] }>(await v1(t.app.url, t.a.key, "GET", "/realtime"), 200)).pages)
      .toEqual([{ path: "/a", visitors: 2 }, { path: "/b", visitors: 1 }]);
  });
});

describe("GET /api/v1/export", () => {
  const day = (d: number, h = 12) => new Date(Date.UTC(2026, 1, d, h));
  const visitor = uid();
  beforeAll(async () => {
    // Events as ingest writes them to the stats engine, each carrying its visit's context.
    const visit = { country: "DE", device: "mobile", utmCampaign: "=cmd()", referrer: "https://x.example/?q=1,2" };
    const row = (e: Omit<EventInput, "id" | "visitorId">, start: Date, view: number) =>
      eventRow({ id: uid(), visitorId: visitor, ...e }, { start: start.getTime(), first: view === 1, view: e.type === "pageview" ? view : 0, seconds: 0, context: visit });
    await insertEvents([
      row({ websiteId: t.a.id, sessionId: "s1", type: "pageview", timestamp: day(1), path: "/first" }, day(1), 1),
      row({ websiteId: t.a.id, sessionId: "s1", type: "pageview", timestamp: day(2), path: "/a,b", title: 'Say "hi"\nthere' }, day(1), 2),
      row({ websiteId: t.a.id, sessionId: "s1", type: "goal", timestamp: day(3), name: "signup", props: [{ k: "plan", v: "pro, yearly" }] }, day(1), 3),
      row({ websiteId: t.a.id, sessionId: "s2", type: "pageview", timestamp: day(20), path: "/later" }, day(20), 1),
      row({ websiteId: t.b.id, sessionId: "s9", type: "pageview", timestamp: day(2), path: "/other-site" }, day(2), 1),
    ]);
  });

  it("streams the range's pageviews then goals as escaped CSV", async () => {
    const res = await v1(t.app.url, t.a.key, "GET", "/export?from=2026-02-01&to=2026-02-10");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="trailmark-[a-f0-9]{24}-all\.csv"$/);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header.slice(0, 9)).toEqual(["type", "timestamp", "visitor_id", "session_id", "path", "name", "title", "props", "scroll_depth"]);
    const col = (r: string[], name: string) => r[header.indexOf(name)];
    expect(rows.map((r) => [r[0], col(r, "path"), col(r, "name")])).toEqual([["pageview", "/first", ""], ["pageview", "/a,b", ""], ["goal", "", "signup"]]);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const tricky = rows[1];
    expect(col(tricky, "title")).toBe('Say "hi"\nthere');
    expect(col(tricky, "utm_campaign")).toBe("'=cmd()");
    expect(col(tricky, "country")).toBe("DE");
    expect(col(tricky, "timestamp")).toBe(day(2).toISOString());
    expect(col(rows[0], "referrer")).toBe("https://x.example/?q=1,2");
    expect(JSON.parse(col(rows[2], "props"))).toEqual({ plan: "pro, yearly" });
  });

  it("exports one type when asked, and only the key's website", async () => {
    const goals = parseCsv(await (await v1(t.app.url, t.a.key, "GET", "/export?from=2026-02-01&to=2026-02-28&type=goals")).text());
    expect(goals.slice(1).map((r) => r[0])).toEqual(["goal"]);
    const b = parseCsv(await (await v1(t.app.url, t.b.key, "GET", "/export?from=2026-02-01&to=2026-02-28")).text());
    expect(b.slice(1).map((r) => r[4])).toEqual(["/other-site"]);
  });

  it("answers an empty range with the header row alone", async () => {
    const rows = parseCsv(await (await v1(t.app.url, t.a.key, "GET", "/export?from=2020-01-01&to=2020-01-02")).text());
    expect(rows).toHaveLength(1);
  });

  it.each([["from=2026-02-01"], ["to=2026-02-01"], ["from=yesterday&to=2026-02-01"], ["from=2026-02-01&to=2026-02-02&type=sessions"]])("rejects %s with 400", async (q) => {
    await expectApiError(await v1(t.app.url, t.a.key, "GET", `/export?${q}`), 400, "invalid_input");
  });
});

describe("GET /api/websites/{id}/export?format=zip (the whole site)", () => {
  it("downloads the site as a zip of CSV files, with the number of rows in a header", async () => {
    const res = await t.owner.client.get(`/api/websites/${t.a.id}/export?format=zip`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="trailmark-${t.a.domain}.zip"`);
    const files = unzip(new Uint8Array(await res.arrayBuffer()));
    const rows = [...files.values()].reduce((n, text) => n + parseCsv(text).length - 1, 0);
    expect(Number(res.headers.get("x-trailmark-export-rows"))).toBe(rows);
    expect(parseCsv(files.get("pageviews.csv")!).slice(1).map((r) => r[4])).toEqual(expect.arrayContaining(["/first", "/a,b", "/later"]));
    expect(files.get("pageviews.csv")).not.toContain("/other-site");
    expect(parseCsv(files.get("sessions.csv")!).slice(1).map((r) => r[0])).toEqual(expect.arrayContaining(["s1", "s2"]));
  });

  it.each([["format=tar"], ["format=zip&type=goals"], ["format=zip&from=someday"]])("rejects %s with 400", async (q) => {
    await expectApiError(await t.owner.client.get(`/api/websites/${t.a.id}/export?${q}`), 400, "invalid_input");
  });
});
