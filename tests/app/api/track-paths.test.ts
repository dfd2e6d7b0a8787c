// The production server answers /api/track itself (lib/ingest/node-handler.ts);
// `next dev` and Next-only hosts use app/api/track/route.ts. Both must speak the
// same contract: the same requests get the same status, headers and body from
// each, and both store the accepted event.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../../helpers/app";
import { eventually } from "../../helpers/eventually";
import { insertSite, openDb, UA } from "../../helpers/track";

let fast: TestApp;
let viaNext: TestApp;
let db: mongoose.Connection;
let site: { websiteId: string; domain: string };

beforeAll(async () => {
  fast = await startApp({ label: "trackfast" });
  // The same database: one site, two servers.
  viaNext = await startApp({ label: "tracknext", dbUri: fast.dbUri, env: { TRAILMARK_TRACK_VIA_NEXT: "1" } });
  db = await openDb(fast.dbUri);
  site = await insertSite(db);
});
afterAll(async () => {
  await db?.close();
  await viaNext?.stop();
  await fast?.stop();
});

type Sent = { method: string; path: string; body?: string; headers?: Record<string, string> };
const CONTRACT_HEADERS = ["content-type", "access-control-allow-origin", "access-control-allow-methods", "access-control-expose-headers", "x-trailmark-dropped", "cache-control"];

async function answer(app: TestApp, r: Sent) {
  const res = await fetch(`${app.url}${r.path}`, { method: r.method, body: r.body, headers: { "user-agent": UA.chromeWindows, ...r.headers } });
  const body = Buffer.from(await res.arrayBuffer()).toString("base64");
  const headers = Object.fromEntries(CONTRACT_HEADERS.map((h) => [h, res.headers.get(h)?.split(";")[0] ?? null]));
  return { status: res.status, headers, body };
}

describe("/api/track on the fast path and through Next.js", () => {
  const cases: [string, (s: typeof site) => Sent][] = [
    ["an accepted pageview", (s) => ({ method: "POST", path: "/api/track", body: JSON.stringify({ type: "pageview", websiteId: s.websiteId, url: `https://${s.domain}/a` }) })],
    ["a bot", (s) => ({ method: "POST", path: "/api/track", body: JSON.stringify({ type: "pageview", websiteId: s.websiteId, url: `https://${s.domain}/` }), headers: { "user-agent": UA.googlebot } })],
    ["bad JSON", () => ({ method: "POST", path: "/api/track", body: "{nope" })],
    ["an invalid event", (s) => ({ method: "POST", path: "/api/track", body: JSON.stringify({ type: "nope", websiteId: s.websiteId, url: "https://x.example/" }) })],
    ["an unknown website", () => ({ method: "POST", path: "/api/track", body: JSON.stringify({ type: "pageview", websiteId: String(new mongoose.Types.ObjectId()), url: "https://x.example/" }) })],
    ["an oversized body", (s) => ({ method: "POST", path: "/api/track", body: JSON.stringify({ type: "pageview", websiteId: s.websiteId, url: `https://${s.domain}/`, title: "x".repeat(17_000) }) })],
    ["a preflight", () => ({ method: "OPTIONS", path: "/api/track", headers: { origin: "https://x.example", "access-control-request-method": "POST" } })],
    ["the pixel", (s) => ({ method: "GET", path: `/api/track?w=${s.websiteId}&u=${encodeURIComponent(`https://${s.domain}/p`)}` })],
    ["the pixel for an unknown website", () => ({ method: "GET", path: `/api/track?w=${new mongoose.Types.ObjectId()}&u=https%3A%2F%2Fx.example%2F` })],
  ];

  it.each(cases)("answers %s the same way", async (_label, make) => {
    const request = make(site);
    const [a, b] = [await answer(fast, request), await answer(viaNext, request)];
    expect(a).toEqual(b);
    expect(a.headers["access-control-allow-origin"]).toBe("*");
  });

  it("stores what each of them accepted", async () => {
    const pageviews = db.collection("pageviews");
    const before = await pageviews.countDocuments({ websiteId: new mongoose.Types.ObjectId(site.websiteId), path: "/both" });
    for (const app of [fast, viaNext]) {
      const res = await fetch(`${app.url}/api/track`, { method: "POST", headers: { "user-agent": UA.firefoxLinux }, body: JSON.stringify({ type: "pageview", websiteId: site.websiteId, url: `https://${site.domain}/both` }) });
      expect(res.status).toBe(202);
    }
    await eventually(async () => expect(await pageviews.countDocuments({ websiteId: new mongoose.Types.ObjectId(site.websiteId), path: "/both" })).toBe(before + 2));
  });
});
