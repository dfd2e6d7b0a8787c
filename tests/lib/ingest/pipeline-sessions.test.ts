// Visitor and session rules of the ingest pipeline, in-process against the real
// store: ingest({now}) drives the clock, the buffer is flushed explicitly.
import { beforeEach, describe, expect, it, vi } from "vitest";

await vi.hoisted(async () => {
  // Before anything imports the buffer: its log must not land in the project's .data/.
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  process.env.TRAILMARK_INGEST_DIR = mkdtempSync(path.join(tmpdir(), "tm-pipeline-sessions-"));
  // The client IP is the socket address given to ingest().
  delete process.env.TRUSTED_IP_HEADER;
});

import { ingestBuffer } from "@/lib/ingest/buffer";
import { parsePixelQuery, parseTrackBody } from "@/lib/ingest/parse";
import { ingest } from "@/lib/ingest/pipeline";
import { resetSessionCache } from "@/lib/ingest/sessionize";
import { GoalEvent } from "@/models/GoalEvent";
import { PageView } from "@/models/PageView";
import { Salt } from "@/models/Salt";
import { Session } from "@/models/Session";
import { makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("pipelinesessions");

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15";
const IP = "81.2.69.142";
const MIN = 60_000;

type Site = { id: string; domain: string };
type Visitor = { ip?: string; ua?: string };

async function newSite(settings: Record<string, unknown> = {}): Promise<Site> {
  const doc = await makeWebsite({ settings });
  return { id: String(doc._id), domain: doc.domain };
}

/** A tracker POST body, parsed like the route parses it, ingested at `at`. */
async function track(site: Site, at: Date, body: Record<string, unknown>, who: Visitor = {}) {
  const event = parseTrackBody(JSON.stringify({ type: "pageview", websiteId: site.id, ...body, url: `https://${site.domain}${body.path ?? "/"}`, path: undefined }));
  const outcome = await ingest({ event, headers: { "user-agent": who.ua ?? CHROME }, socketIp: who.ip ?? IP, now: at });
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ accepted: true });
  return outcome as { accepted: true; visitorId: string };
}

/** A pixel request (no ids at all), parsed like the route parses it, ingested at `at`. */
async function pixel(site: Site, at: Date, query: Record<string, string>, who: Visitor = {}) {
  const event = parsePixelQuery(new URLSearchParams({ w: site.id, ...query }));
  const outcome = await ingest({ event, headers: { "user-agent": who.ua ?? CHROME }, socketIp: who.ip ?? IP, now: at });
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ accepted: true });
  return outcome as { accepted: true; visitorId: string };
}

/** Writes everything ingested so far. Twice: a flush already under way when called does not include later events. */
async function flush() {
  await ingestBuffer().flush();
  await ingestBuffer().flush();
}

const sessionsOf = (site: Site) => Session.find({ websiteId: site.id }).sort({ startedAt: 1 }).lean();
const pageviewsOf = (site: Site) => PageView.find({ websiteId: site.id }).sort({ timestamp: 1 }).lean();

beforeEach(() => resetSessionCache());

/**
 * Each rule holds whether the session is still in this process's memory or
 * must be read back from the store (after a restart, or in another process
 * behind the same load balancer).
 */
const MODES = [
  ["in one process", async () => {}],
  ["across restarts", async () => {
    await flush();
    resetSessionCache();
  }],
] as const;

describe.each(MODES)("30-minute idle split (%s)", (_mode, between) => {
  it("tracker ids: 29 idle minutes continue the visit, 31 start a new one", async () => {
    const site = await newSite();
    const t0 = new Date("2026-04-14T10:00:00Z");
    const ids = { visitorId: "v-tracker", sessionId: "s-tracker" };
    await track(site, t0, { ...ids, path: "/" });
    await between();
    await track(site, new Date(t0.getTime() + 29 * MIN), { ...ids, path: "/a" });
    await between();
    await track(site, new Date(t0.getTime() + 60 * MIN), { ...ids, path: "/b" }); // 31 idle minutes
    await flush();

    const sessions = await sessionsOf(site);
    expect(sessions.map((s) => ({ entry: s.entryPage, exit: s.exitPage, pageviews: s.pageviews, duration: s.duration, bounce: s.bounce }))).toEqual([
      { entry: "/", exit: "/a", pageviews: 2, duration: 29 * 60, bounce: false },
      { entry: "/b", exit: "/b", pageviews: 1, duration: 0, bounce: true },
    ]);
    expect(sessions[0].sessionId).toBe("s-tracker");
    expect(sessions[1].sessionId).not.toBe("s-tracker");
    expect(sessions[1].startedAt).toEqual(new Date(t0.getTime() + 60 * MIN));
    expect(sessions.every((s) => s.visitorId === "v-tracker")).toBe(true);
    const pvs = await pageviewsOf(site);
    expect(pvs.map((p) => [p.path, p.sessionId])).toEqual([
      ["/", sessions[0].sessionId],
      ["/a", sessions[0].sessionId],
      ["/b", sessions[1].sessionId],
    ]);
  });

  it("tracker ids: events after the split continue the new visit, not a third one", async () => {
    const site = await newSite();
    const t0 = new Date("2026-04-14T14:00:00Z");
    const ids = { visitorId: "v-resume", sessionId: "s-resume" };
    await track(site, t0, { ...ids, path: "/" });
    await between();
    await track(site, new Date(t0.getTime() + 40 * MIN), { ...ids, path: "/b" }); // 40 idle minutes: new visit
    await between();
    await track(site, new Date(t0.getTime() + 45 * MIN), { ...ids, path: "/c" }); // 5 minutes later: the same new visit
    await between();
    await track(site, new Date(t0.getTime() + 50 * MIN), { ...ids, path: "/d" });
    await flush();

    const sessions = await sessionsOf(site);
    expect(sessions.map((s) => ({ entry: s.entryPage, exit: s.exitPage, pageviews: s.pageviews, duration: s.duration }))).toEqual([
      { entry: "/", exit: "/", pageviews: 1, duration: 0 },
      { entry: "/b", exit: "/d", pageviews: 3, duration: 10 * 60 },
    ]);
    const pvs = await pageviewsOf(site);
    expect(pvs.map((p) => p.sessionId)).toEqual([sessions[0].sessionId, sessions[1].sessionId, sessions[1].sessionId, sessions[1].sessionId]);
  });

  it("cookieless/pixel events: the visitor's session active in the last 30 minutes, else a new one", async () => {
    const site = await newSite();
    const t0 = new Date("2026-04-14T12:00:00Z");
    const a = await pixel(site, t0, { u: `https://${site.domain}/` });
    await between();
    const b = await pixel(site, new Date(t0.getTime() + 29 * MIN), { u: `https://${site.domain}/a` });
    await between();
    const c = await pixel(site, new Date(t0.getTime() + 60 * MIN), { u: `https://${site.domain}/b` });
    await between();
    await pixel(site, new Date(t0.getTime() + 62 * MIN), { u: `https://${site.domain}/b`, t: "goal", n: "Signup" });
    await flush();

    expect(new Set([a.visitorId, b.visitorId, c.visitorId]).size).toBe(1);
    const sessions = await sessionsOf(site);
    expect(sessions.map((s) => ({ entry: s.entryPage, exit: s.exitPage, pageviews: s.pageviews, events: s.events, duration: s.duration, bounce: s.bounce }))).toEqual([
      { entry: "/", exit: "/a", pageviews: 2, events: 2, duration: 29 * 60, bounce: false },
      { entry: "/b", exit: "/b", pageviews: 1, events: 2, duration: 2 * 60, bounce: true },
    ]);
    const pvs = await pageviewsOf(site);
    expect(pvs.map((p) => [p.path, p.sessionId])).toEqual([
      ["/", sessions[0].sessionId],
      ["/a", sessions[0].sessionId],
      ["/b", sessions[1].sessionId],
    ]);
    expect((await GoalEvent.findOne({ websiteId: site.id }).lean())?.sessionId).toBe(sessions[1].sessionId);
  });
});

describe.each(MODES)("the session document (%s)", (_mode, between) => {
  it("tracks entry and exit page, pageviews, events, duration and bounce as events arrive", async () => {
    const site = await newSite();
    const t0 = new Date("2026-04-15T08:00:00Z");
    const ids = { visitorId: "v-doc", sessionId: "s-doc" };
    await track(site, t0, { ...ids, path: "/blog/post" });
    await between();
    await track(site, new Date(t0.getTime() + 2 * MIN), { ...ids, path: "/blog/post", type: "goal", name: "Newsletter" });
    await flush();
    // One page and a goal is still a bounce; the goal extends the visit.
    expect(await Session.findOne({ websiteId: site.id, sessionId: "s-doc" }).lean()).toMatchObject({
      entryPage: "/blog/post", exitPage: "/blog/post", pageviews: 1, events: 2, duration: 120, bounce: true, startedAt: t0, lastSeenAt: new Date(t0.getTime() + 2 * MIN),
    });
    await between();
    await track(site, new Date(t0.getTime() + 3 * MIN + 30_000), { ...ids, path: "/pricing" });
    await between();
    await track(site, new Date(t0.getTime() + 7 * MIN), { ...ids, path: "/signup" });
    await flush();
    expect(await Session.findOne({ websiteId: site.id, sessionId: "s-doc" }).lean()).toMatchObject({
      entryPage: "/blog/post", exitPage: "/signup", pageviews: 3, events: 4, duration: 420, bounce: false, startedAt: t0, lastSeenAt: new Date(t0.getTime() + 7 * MIN),
    });
    expect(await Session.countDocuments({ websiteId: site.id })).toBe(1);
  });
});

describe.each(MODES)("first-touch source (%s)", (_mode, between) => {
  it("a later internal pageview keeps the session's channel and referrer", async () => {
    const site = await newSite();
    const t0 = new Date("2026-04-16T09:00:00Z");
    const ids = { visitorId: "v-src", sessionId: "s-src" };
    await track(site, t0, { ...ids, path: "/", referrer: "https://www.google.com/" });
    await between();
    await track(site, new Date(t0.getTime() + MIN), { ...ids, path: "/pricing", referrer: `https://${site.domain}/` });
    await between();
    await track(site, new Date(t0.getTime() + 2 * MIN), { ...ids, path: "/pricing", type: "goal", name: "Checkout", referrer: `https://${site.domain}/pricing` });
    await flush();
    const first = { channel: "Organic Search", referrerDomain: "google.com" };
    const pvs = await pageviewsOf(site);
    expect(pvs.map((p) => ({ path: p.path, channel: p.channel, referrerDomain: p.referrerDomain }))).toEqual([
      { path: "/", ...first },
      { path: "/pricing", ...first },
    ]);
    expect(await GoalEvent.findOne({ websiteId: site.id }).lean()).toMatchObject(first);
    expect(await Session.findOne({ websiteId: site.id, sessionId: "s-src" }).lean()).toMatchObject({ ...first, pageviews: 2 });
  });

  it("the same for cookieless visits (pixel with the site as referrer)", async () => {
    const site = await newSite();
    const t0 = new Date("2026-04-16T11:00:00Z");
    await pixel(site, t0, { u: `https://${site.domain}/?utm_source=newsletter&utm_medium=email&utm_campaign=april` });
    await between();
    await pixel(site, new Date(t0.getTime() + 3 * MIN), { u: `https://${site.domain}/features`, r: `https://${site.domain}/` });
    await flush();
    const first = { channel: "Email", utmSource: "newsletter", utmMedium: "email", utmCampaign: "april" };
    const pvs = await pageviewsOf(site);
    expect(pvs).toHaveLength(2);
    for (const pv of pvs) expect(pv).toMatchObject(first);
    expect(new Set(pvs.map((p) => p.sessionId)).size).toBe(1);
  });
});

describe("cookieless visitor ids and the daily salt", () => {
  it("are stable within a UTC day and change across UTC midnight, so a visit spanning midnight is a new visitor", async () => {
    const site = await newSite({ cookieless: true });
    const morning = await pixel(site, new Date("2026-04-20T00:05:00Z"), { u: `https://${site.domain}/morning` });
    const evening = await pixel(site, new Date("2026-04-20T23:50:00Z"), { u: `https://${site.domain}/evening` });
    const afterMidnight = await pixel(site, new Date("2026-04-21T00:10:00Z"), { u: `https://${site.domain}/night` });
    const nextMorning = await track(site, new Date("2026-04-21T09:00:00Z"), { path: "/next", visitorId: "ignored", sessionId: "ignored" });
    await flush();

    expect(morning.visitorId).toMatch(/^[0-9a-f]{32}$/);
    expect(evening.visitorId).toBe(morning.visitorId);
    expect(afterMidnight.visitorId).not.toBe(evening.visitorId);
    expect(nextMorning.visitorId).toBe(afterMidnight.visitorId);
    // 20 minutes apart, but another visitor: another session.
    const sessions = await sessionsOf(site);
    expect(sessions.map((s) => [s.entryPage, s.visitorId])).toEqual([
      ["/morning", morning.visitorId],
      ["/evening", morning.visitorId],
      ["/night", afterMidnight.visitorId],
      ["/next", afterMidnight.visitorId],
    ]);
    const salts = await Salt.find({ day: { $in: ["2026-04-20", "2026-04-21"] } }).lean();
    expect(salts).toHaveLength(2);
    expect(salts[0].salt).not.toBe(salts[1].salt);
  });

  it("differ for another IP or another browser on the same day", async () => {
    const site = await newSite({ cookieless: true });
    const at = new Date("2026-04-22T10:00:00Z");
    const base = await pixel(site, at, { u: `https://${site.domain}/` });
    const otherIp = await pixel(site, at, { u: `https://${site.domain}/` }, { ip: "89.160.20.112" });
    const otherUa = await pixel(site, at, { u: `https://${site.domain}/` }, { ua: SAFARI });
    expect(new Set([base.visitorId, otherIp.visitorId, otherUa.visitorId]).size).toBe(3);
    await flush();
    expect(await Session.countDocuments({ websiteId: site.id })).toBe(3);
  });
});

describe("settings.cookieless", () => {
  it("ignores the visitorId and sessionId a client sends", async () => {
    const site = await newSite({ cookieless: true });
    const t0 = new Date("2026-04-23T10:00:00Z");
    const first = await track(site, t0, { path: "/", visitorId: "client-visitor", sessionId: "client-session" });
    const second = await track(site, new Date(t0.getTime() + 5 * MIN), { path: "/docs", visitorId: "another-client-visitor", sessionId: "another-session" });
    await flush();
    expect(first.visitorId).toMatch(/^[0-9a-f]{32}$/);
    expect(second.visitorId).toBe(first.visitorId);
    const pvs = await pageviewsOf(site);
    expect(pvs.map((p) => p.visitorId)).toEqual([first.visitorId, first.visitorId]);
    for (const id of ["client-visitor", "client-session", "another-client-visitor", "another-session"]) {
      expect(JSON.stringify(pvs)).not.toContain(id);
    }
    const sessions = await sessionsOf(site);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ visitorId: first.visitorId, entryPage: "/", exitPage: "/docs", pageviews: 2 });
    expect(sessions[0].sessionId).not.toMatch(/client-session|another-session/);
  });

  it("a site without it keeps the tracker's ids", async () => {
    const site = await newSite({ cookieless: false });
    const outcome = await track(site, new Date("2026-04-23T11:00:00Z"), { path: "/", visitorId: "client-visitor", sessionId: "client-session" });
    await flush();
    expect(outcome.visitorId).toBe("client-visitor");
    expect(await PageView.findOne({ websiteId: site.id }).lean()).toMatchObject({ visitorId: "client-visitor", sessionId: "client-session" });
  });
});

describe.each(MODES)("websites never share a session (%s)", (_mode, between) => {
  it("the same tracker ids on two websites are two visits", async () => {
    const [a, b] = [await newSite(), await newSite()];
    const t0 = new Date("2026-04-24T10:00:00Z");
    const ids = { visitorId: "v-shared", sessionId: "s-shared" };
    await track(a, t0, { ...ids, path: "/a-home" });
    await between();
    await track(b, new Date(t0.getTime() + MIN), { ...ids, path: "/b-home" });
    await between();
    await track(a, new Date(t0.getTime() + 2 * MIN), { ...ids, path: "/a-next" });
    await flush();
    expect(await Session.find({ websiteId: a.id }).lean()).toEqual([expect.objectContaining({ entryPage: "/a-home", exitPage: "/a-next", pageviews: 2, duration: 120 })]);
    expect(await Session.find({ websiteId: b.id }).lean()).toEqual([expect.objectContaining({ entryPage: "/b-home", exitPage: "/b-home", pageviews: 1, duration: 0 })]);
  });

  it("the same person (IP and browser) without ids on two websites gets two visitors and two visits", async () => {
    const [a, b] = [await newSite(), await newSite()];
    const t0 = new Date("2026-04-24T12:00:00Z");
    const onA = await pixel(a, t0, { u: `https://${a.domain}/a-home` });
    await between();
    const onB = await pixel(b, new Date(t0.getTime() + MIN), { u: `https://${b.domain}/b-home` });
    await between();
    await pixel(a, new Date(t0.getTime() + 2 * MIN), { u: `https://${a.domain}/a-next` });
    await flush();
    expect(onA.visitorId).not.toBe(onB.visitorId);
    expect(await Session.find({ websiteId: a.id }).lean()).toEqual([expect.objectContaining({ visitorId: onA.visitorId, entryPage: "/a-home", exitPage: "/a-next", pageviews: 2 })]);
    expect(await Session.find({ websiteId: b.id }).lean()).toEqual([expect.objectContaining({ visitorId: onB.visitorId, entryPage: "/b-home", pageviews: 1 })]);
  });
});
