// Goals, funnels, the session CSV export and the public badge over real HTTP.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "@/lib/db";
import { makeVisit } from "../../factories";
import { createSite, expectApiError, uniqueDomain, type WebsiteBody } from "../../helpers/api";
import { startApp, useDatabasesOf, type TestApp } from "../../helpers/app";
import { newUser } from "../../helpers/client";

let app: TestApp;
let db: mongoose.Connection;
let owner: Awaited<ReturnType<typeof newUser>>;
let stranger: Awaited<ReturnType<typeof newUser>>;
let site: WebsiteBody;

beforeAll(async () => {
  app = await startApp({ label: "goalsfunnels" });
  db = await mongoose.createConnection(app.dbUri).asPromise();
  useDatabasesOf(app);
  await connectDb();
  [owner, stranger] = await Promise.all([newUser(app.url, "Owner"), newUser(app.url, "Stranger")]);
  site = await createSite(owner.client, { domain: uniqueDomain("goals") });
});
afterAll(async () => {
  await disconnectDb();
  await db?.close();
  await app?.stop();
});

const count = (collection: string) => db.collection(collection).countDocuments({ websiteId: new mongoose.Types.ObjectId(site.id) });
const goalsPath = () => `/api/websites/${site.id}/goals`;
const funnelsPath = () => `/api/websites/${site.id}/funnels`;
const validFunnel = { name: "Signup", windowHours: 48, steps: [{ type: "page", value: "/" }, { type: "page", value: "/pricing/*" }, { type: "goal", value: "signup" }] };

describe("goals", () => {
  it("creates, lists and deletes a goal", async () => {
    const res = await owner.client.post(goalsPath(), { name: "Signed up", eventName: "signup" });
    expect(res.status).toBe(201);
    const { goal } = (await res.json()) as { goal: { id: string; kind: string; match: string } };
    expect(goal).toMatchObject({ kind: "event", match: "signup" });
    const page = await owner.client.post(goalsPath(), { name: "Docs", pagePath: "/docs/*" });
    expect(page.status).toBe(201);

    const list = (await (await owner.client.get(goalsPath())).json()) as { goals: { name: string }[] };
    expect(list.goals.map((g) => g.name)).toEqual(["Signed up", "Docs"]);

    expect((await owner.client.delete(`${goalsPath()}/${goal.id}`)).status).toBe(204);
    await expectApiError(await owner.client.delete(`${goalsPath()}/${goal.id}`), 404);
    expect(await count("goals")).toBe(1);
  });

  it("refuses a second goal with the same name (409)", async () => {
    await expectApiError(await owner.client.post(goalsPath(), { name: "Docs", eventName: "other" }), 409, "goal_exists");
  });

  it.each([
    ["no match", { name: "x" }],
    ["both matches", { name: "x", eventName: "a", pagePath: "/a" }],
    ["a relative path", { name: "x", pagePath: "pricing" }],
    ["a query string", { name: "x", pagePath: "/a?b=1" }],
    ["an unknown field", { name: "x", eventName: "a", websiteId: "0123456789abcdef01234567" }],
    ["an empty name", { name: " ", eventName: "a" }],
  ])("rejects %s with 400 and writes nothing", async (_label, body) => {
    const before = await count("goals");
    await expectApiError(await owner.client.post(goalsPath(), body), 400, "invalid_input");
    expect(await count("goals")).toBe(before);
  });

  it("is a 404 on someone else's website, for reads and writes", async () => {
    await expectApiError(await stranger.client.get(goalsPath()), 404);
    await expectApiError(await stranger.client.post(goalsPath(), { name: "Mine", eventName: "x" }), 404);
    const [goal] = ((await (await owner.client.get(goalsPath())).json()) as { goals: { id: string }[] }).goals;
    await expectApiError(await stranger.client.delete(`${goalsPath()}/${goal.id}`), 404);
    expect(await count("goals")).toBe(1);
  });

  it("refuses a cross-site or Origin-less write (CSRF)", async () => {
    await expectApiError(await owner.client.withOrigin("https://evil.example").post(goalsPath(), { name: "Evil", eventName: "x" }), 403, "cross_origin_request");
    await expectApiError(await owner.client.withOrigin(null).post(goalsPath(), { name: "Evil", eventName: "x" }), 403);
    await expectApiError(await owner.client.withOrigin("https://evil.example").delete(`${goalsPath()}/000000000000000000000000`), 403);
    expect(await count("goals")).toBe(1);
  });
});

describe("funnels", () => {
  it("creates, lists and deletes a funnel, naming unnamed steps by their value", async () => {
    const res = await owner.client.post(funnelsPath(), validFunnel);
    expect(res.status).toBe(201);
    const { funnel } = (await res.json()) as { funnel: { id: string; steps: { name: string }[]; windowHours: number } };
    expect(funnel.windowHours).toBe(48);
    expect(funnel.steps.map((s) => s.name)).toEqual(["/", "/pricing/*", "signup"]);
    const list = (await (await owner.client.get(funnelsPath())).json()) as { funnels: unknown[] };
    expect(list.funnels).toHaveLength(1);
    await expectApiError(await stranger.client.delete(`${funnelsPath()}/${funnel.id}`), 404);
    expect((await owner.client.delete(`${funnelsPath()}/${funnel.id}`)).status).toBe(204);
    expect(await count("funnels")).toBe(0);
  });

  it.each([
    ["one step", { ...validFunnel, steps: [{ type: "page", value: "/" }] }],
    ["nine steps", { ...validFunnel, steps: Array.from({ length: 9 }, (_, i) => ({ type: "page", value: `/${i}` })) }],
    ["a page step without /", { ...validFunnel, steps: [{ type: "page", value: "home" }, { type: "page", value: "/" }] }],
    ["an unknown step type", { ...validFunnel, steps: [{ type: "click", value: "/" }, { type: "page", value: "/" }] }],
    ["a window of 0 hours", { ...validFunnel, windowHours: 0 }],
    ["a window of 31 days", { ...validFunnel, windowHours: 744 }],
  ])("rejects %s with 400 and writes nothing", async (_label, body) => {
    await expectApiError(await owner.client.post(funnelsPath(), body), 400, "invalid_input");
    expect(await count("funnels")).toBe(0);
  });

  it("guards ownership and Origin", async () => {
    await expectApiError(await stranger.client.post(funnelsPath(), validFunnel), 404);
    await expectApiError(await owner.client.withOrigin("https://evil.example").post(funnelsPath(), validFunnel), 403);
    expect(await count("funnels")).toBe(0);
  });
});

describe("GET /api/websites/{id}/export", () => {
  it("streams the site's raw events as CSV to its owner only", async () => {
    const wid = new mongoose.Types.ObjectId(site.id);
    await makeVisit(wid, new Date("2026-03-02T10:00:00Z"), { visitorId: "v1", paths: ["/exported"] });
    const res = await owner.client.get(`/api/websites/${site.id}/export?from=2026-03-01&to=2026-03-31`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^type,timestamp,visitor_id/);
    expect(lines[1]).toContain("/exported");
    await expectApiError(await stranger.client.get(`/api/websites/${site.id}/export?from=2026-03-01&to=2026-03-31`), 404);
    await expectApiError(await owner.client.get(`/api/websites/${site.id}/export?from=March`), 400);
  });
});

describe("GET /api/badge/{websiteId}", () => {
  it("is a 404 until the owner allows a public badge, then counts a page's views as JSON and SVG", async () => {
    const wid = new mongoose.Types.ObjectId(site.id);
    for (const i of [1, 2, 3]) await makeVisit(wid, new Date(), { visitorId: `b${i}`, paths: ["/badge"] });
    await expectApiError(await fetch(`${app.url}/api/badge/${site.id}`), 404);
    await expectApiError(await fetch(`${app.url}/api/badge/${site.id}.svg`), 404);

    expect((await owner.client.patch(`/api/websites/${site.id}`, { settings: { publicBadge: true } })).status).toBe(200);
    const json = await fetch(`${app.url}/api/badge/${site.id}?page=/badge`);
    expect(json.status).toBe(200);
    expect(json.headers.get("access-control-allow-origin")).toBe("*");
    expect(await json.json()).toEqual({ websiteId: site.id, page: "/badge", views: 3 });
    const svg = await fetch(`${app.url}/api/badge/${site.id}.svg?page=/badge`);
    expect(svg.headers.get("content-type")).toContain("image/svg+xml");
    const text = await svg.text();
    expect(text).toMatch(/^<svg/);
    expect(text).toContain(">3</text>");

    await expectApiError(await fetch(`${app.url}/api/badge/not-an-id`), 404);
    await expectApiError(await fetch(`${app.url}/api/badge/${site.id}?page=badge`), 400);
  });
});
