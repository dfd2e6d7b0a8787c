// What POST /api/track stores, read back from the store: enriched pageviews and
// sessions, goals with props, identities without the email, scroll depth,
// firstEventAt, and no raw IP anywhere.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saltedHash, sha256Hex } from "@/lib/crypto";
import { startApp, type TestApp } from "../../helpers/app";
import { eventually } from "../../helpers/eventually";
import { countsFor, dumpDatabase, expectAccepted, expectDropped, flushBarrier, insertSite, openDb, postTrack, UA, uid } from "../../helpers/track";

// The app under test runs with this secret (tests/helpers/app.ts); saltedHash
// reads it when called, so hashing here gives what the app stored.
process.env.NEXTAUTH_SECRET = "test-secret-not-for-production-0123456789";
delete process.env.TRAILMARK_SECRET;

type Site = { websiteId: string; domain: string };
let app: TestApp;
let db: mongoose.Connection;
let barrier: Site;

beforeAll(async () => {
  // Behind a proxy, so tests can choose the visitor's (public) IP.
  app = await startApp({ label: "trackrecords", env: { TRUSTED_IP_HEADER: "x-forwarded-for" } });
  db = await openDb(app.dbUri);
  barrier = await insertSite(db);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const oid = (id: string) => new mongoose.Types.ObjectId(id);
const GB_IP = "81.2.69.142"; // GeoLite2: GB, England, Bracknell

async function one(collection: string, filter: Record<string, unknown>) {
  return eventually(async () => {
    const doc = await db.collection(collection).findOne(filter);
    expect(doc, `${collection} ${JSON.stringify(filter)}`).not.toBeNull();
    return doc!;
  });
}

describe("pageviews and their sessions", () => {
  it("stores UTM tags, the cleaned referrer, channel, browser/OS/device and location on the pageview and the session", async () => {
    const site = await insertSite(db);
    const res = await postTrack(
      app.url,
      {
        type: "pageview",
        websiteId: site.websiteId,
        url: `https://${site.domain}/landing?utm_source=newsletter&utm_medium=email&utm_campaign=spring-sale&utm_term=running+shoes&utm_content=hero`,
        referrer: "https://mail.webmail-example.net/inbox/read?id=123&token=abc",
        title: "Spring sale",
        visitorId: "vid-utm",
        sessionId: "sid-utm",
      },
      { "user-agent": UA.chromeWindows, "x-forwarded-for": GB_IP },
    );
    await expectAccepted(res);
    const pv = await one("pageviews", { websiteId: oid(site.websiteId) });
    const expected = {
      visitorId: "vid-utm",
      sessionId: "sid-utm",
      hostname: site.domain,
      channel: "Email",
      utmSource: "newsletter",
      utmMedium: "email",
      utmCampaign: "spring-sale",
      utmTerm: "running shoes",
      utmContent: "hero",
      referrer: "https://mail.webmail-example.net/inbox/read",
      referrerDomain: "mail.webmail-example.net",
      browser: "Chrome",
      browserVersion: "124",
      os: "Windows",
      osVersion: "10",
      device: "desktop",
      country: "GB",
      region: "England",
      city: "Bracknell",
    };
    expect(pv).toMatchObject({ ...expected, path: "/landing", title: "Spring sale" });
    expect(pv.timestamp).toBeInstanceOf(Date);
    // The referrer's query (tokens, ids) is not kept.
    expect(JSON.stringify(pv)).not.toContain("token=abc");
    const session = await one("sessions", { websiteId: oid(site.websiteId), sessionId: "sid-utm" });
    expect(session).toMatchObject({ ...expected, entryPage: "/landing", exitPage: "/landing", pageviews: 1, bounce: true, duration: 0 });
  });

  it.each([
    ["a Google search on an iPhone", "https://www.google.com/", UA.safariIphone, "", { channel: "Organic Search", referrerDomain: "google.com", browser: "Safari", os: "iOS", osVersion: "17.4", device: "mobile" }],
    ["a ChatGPT answer on Linux Firefox", "https://chatgpt.com/c/abc", UA.firefoxLinux, "", { channel: "AI", referrerDomain: "chatgpt.com", browser: "Firefox", browserVersion: "125", os: "Linux", device: "desktop" }],
    ["a Google Ads click", "https://www.google.com/", UA.chromeWindows, "?gclid=EAIaIQobChMI", { channel: "Paid Search", referrerDomain: "google.com" }],
    ["a typed-in address", "", UA.chromeWindows, "", { channel: "Direct" }],
  ])("classifies %s", async (_label, referrer, userAgent, query, fields) => {
    const site = await insertSite(db);
    const body = { type: "pageview", websiteId: site.websiteId, url: `https://${site.domain}/${query}`, referrer: referrer || undefined, visitorId: `v${uid()}`, sessionId: `s${uid()}` };
    await expectAccepted(await postTrack(app.url, body, { "user-agent": userAgent }));
    const pv = await one("pageviews", { websiteId: oid(site.websiteId) });
    expect(pv).toMatchObject({ path: "/", ...fields });
    if (!referrer) expect(pv.referrerDomain).toBeUndefined();
  });
});

describe("goals", () => {
  it("stores a goal with its props as [{k, v}] strings (null means not set)", async () => {
    const site = await insertSite(db);
    const props = { plan: "pro", seats: 3, annual: true, "a.b": "dotted key", $price: "49.00", coupon: null };
    const res = await postTrack(app.url, { type: "goal", name: "Upgrade", props, websiteId: site.websiteId, url: `https://${site.domain}/billing?x=1`, visitorId: "vgoal", sessionId: "sgoal" }, { "x-forwarded-for": GB_IP });
    await expectAccepted(res);
    const goal = await one("goalevents", { websiteId: oid(site.websiteId) });
    expect(goal).toMatchObject({ name: "Upgrade", path: "/billing", visitorId: "vgoal", sessionId: "sgoal", country: "GB", browser: "Chrome" });
    expect(goal.props).toEqual([
      { k: "plan", v: "pro" },
      { k: "seats", v: "3" },
      { k: "annual", v: "true" },
      { k: "a.b", v: "dotted key" },
      { k: "$price", v: "49.00" },
    ]);
    // A goal is an event of the session, not a pageview.
    expect(await one("sessions", { websiteId: oid(site.websiteId), sessionId: "sgoal" })).toMatchObject({ pageviews: 0, events: 1 });
    expect(await db.collection("pageviews").countDocuments({ websiteId: oid(site.websiteId) })).toBe(0);
  });
});

describe("identify", () => {
  it("stores an Identity with the userId and a salted email hash; the email itself is nowhere in the database", async () => {
    const site = await insertSite(db);
    const email = `Jane.Doe+${uid()}@Example-Customer.COM`;
    await expectAccepted(await postTrack(app.url, { type: "pageview", websiteId: site.websiteId, url: `https://${site.domain}/signup`, visitorId: "vident", sessionId: "sident" }));
    await expectAccepted(await postTrack(app.url, { type: "identify", websiteId: site.websiteId, url: `https://${site.domain}/welcome`, visitorId: "vident", sessionId: "sident", userId: "user_42", email, name: "Jane Doe" }));
    const identity = await one("identities", { websiteId: oid(site.websiteId), visitorId: "vident" });
    const normalised = email.toLowerCase();
    expect(identity).toMatchObject({ userId: "user_42", name: "Jane Doe", emailHash: saltedHash(normalised) });
    expect(identity.emailHash).toMatch(/^[0-9a-f]{64}$/);
    await eventually(async () => {
      expect(await one("sessions", { websiteId: oid(site.websiteId), sessionId: "sident" })).toMatchObject({ userId: "user_42", events: 2 });
    });
    await flushBarrier(app.url, db, barrier);
    const dump = Object.entries(await dumpDatabase(db));
    expect(dump.length).toBeGreaterThan(3);
    for (const [collection, json] of dump) {
      const text = json.toLowerCase();
      expect(text, `email in ${collection}`).not.toContain(normalised);
      expect(text, `email's local part in ${collection}`).not.toContain(normalised.split("@")[0]);
      // An unsalted hash is recoverable from a list of emails: only the keyed hash may be stored.
      expect(text, `unsalted email hash in ${collection}`).not.toContain(sha256Hex(normalised));
    }
  });

  it("updates the visitor's one Identity when they identify again", async () => {
    const site = await insertSite(db);
    const base = { type: "identify", websiteId: site.websiteId, url: `https://${site.domain}/`, visitorId: "vtwice", sessionId: "stwice" };
    await expectAccepted(await postTrack(app.url, { ...base, userId: "u1" }));
    await one("identities", { websiteId: oid(site.websiteId), userId: "u1" });
    await expectAccepted(await postTrack(app.url, { ...base, userId: "u2", email: "x@example.net" }));
    await one("identities", { websiteId: oid(site.websiteId), userId: "u2" });
    const all = await db.collection("identities").find({ websiteId: oid(site.websiteId) }).toArray();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ visitorId: "vtwice", userId: "u2", emailHash: saltedHash("x@example.net") });
  });
});

describe("the raw client IP", () => {
  it("is used for location but stored nowhere, in tracker-id and cookieless mode", async () => {
    const ip = "89.160.20.112"; // GeoLite2: SE, Värmland, Kristinehamn
    const withIds = await insertSite(db, { settings: { trackScroll: true } });
    const cookieless = await insertSite(db, { settings: { trackScroll: true, cookieless: true } });
    for (const site of [withIds, cookieless]) {
      const base = { websiteId: site.websiteId, url: `https://${site.domain}/ip-check`, visitorId: "vip", sessionId: "sip" };
      const headers = { "x-forwarded-for": `${ip}, 10.0.0.2` };
      await expectAccepted(await postTrack(app.url, { ...base, type: "pageview", referrer: "https://news.ycombinator.com/" }, headers));
      await expectAccepted(await postTrack(app.url, { ...base, type: "goal", name: "Signup", props: { plan: "pro" } }, headers));
      await expectAccepted(await postTrack(app.url, { ...base, type: "scroll", scrollDepth: 50 }, headers));
      await expectAccepted(await postTrack(app.url, { ...base, type: "identify", userId: "ip-user", email: "ip@example.net" }, headers));
    }
    for (const site of [withIds, cookieless]) {
      await eventually(async () => {
        expect(await countsFor(db, site.websiteId)).toEqual({ pageviews: 1, goalevents: 1, sessions: 1, identities: 1 });
        expect(await db.collection("pageviews").findOne({ websiteId: oid(site.websiteId) })).toMatchObject({ country: "SE", scrollDepth: 50 });
      });
    }
    await flushBarrier(app.url, db, barrier);
    const dump = await dumpDatabase(db);
    expect(Object.keys(dump)).toEqual(expect.arrayContaining(["pageviews", "sessions", "goalevents", "identities", "websites"]));
    for (const [collection, json] of Object.entries(dump)) {
      expect(json, `raw IP in ${collection}`).not.toContain(ip);
      expect(json, `reversed IP in ${collection}`).not.toContain("112.20.160.89");
    }
  });
});

describe("scroll depth", () => {
  it("keeps the maximum depth on the page's pageview of that session, and creates no pageview", async () => {
    const site = await insertSite(db, { settings: { trackScroll: true } });
    const at = (path: string, extra: Record<string, unknown>) => ({ websiteId: site.websiteId, url: `https://${site.domain}${path}`, visitorId: "vscroll", ...extra });
    await expectAccepted(await postTrack(app.url, at("/article", { type: "pageview", sessionId: "s1" })));
    await expectAccepted(await postTrack(app.url, at("/other", { type: "pageview", sessionId: "s1" })));
    await one("pageviews", { websiteId: oid(site.websiteId), path: "/other" });
    for (const depth of [40, 85.4, 60]) {
      await expectAccepted(await postTrack(app.url, at("/article", { type: "scroll", sessionId: "s1", scrollDepth: depth })));
    }
    await eventually(async () => {
      expect(await one("pageviews", { websiteId: oid(site.websiteId), path: "/article" })).toMatchObject({ scrollDepth: 85 });
    });
    // Another visit reading the same article later has its own depth.
    await expectAccepted(await postTrack(app.url, at("/article", { type: "pageview", sessionId: "s2" })));
    await expectAccepted(await postTrack(app.url, at("/article", { type: "scroll", sessionId: "s2", scrollDepth: 30 })));
    await eventually(async () => {
      expect(await one("pageviews", { websiteId: oid(site.websiteId), sessionId: "s2" })).toMatchObject({ scrollDepth: 30 });
    });
    await flushBarrier(app.url, db, barrier);
    expect(await one("pageviews", { websiteId: oid(site.websiteId), sessionId: "s1", path: "/article" })).toMatchObject({ scrollDepth: 85 });
    expect((await one("pageviews", { websiteId: oid(site.websiteId), path: "/other" })).scrollDepth).toBeUndefined();
    expect(await db.collection("pageviews").countDocuments({ websiteId: oid(site.websiteId) })).toBe(3);
    // Scrolling is not another page: the visit still has 2 pageviews and its exit page is /other.
    expect(await one("sessions", { websiteId: oid(site.websiteId), sessionId: "s1" })).toMatchObject({ pageviews: 2, exitPage: "/other", entryPage: "/article" });
  });
});

describe("firstEventAt", () => {
  it("is set by the first accepted event only, and never moves afterwards", async () => {
    const site = await insertSite(db);
    const stored = async () => (await db.collection("websites").findOne({ _id: oid(site.websiteId) }))?.firstEventAt as Date | undefined;
    const pv = (path: string) => ({ type: "pageview", websiteId: site.websiteId, url: `https://${site.domain}${path}` });
    // A dropped event is not "the first event".
    await expectDropped(await postTrack(app.url, pv("/bot"), { "user-agent": UA.googlebot }), "bot");
    await flushBarrier(app.url, db, barrier);
    expect(await stored()).toBeUndefined();

    const before = Date.now();
    await expectAccepted(await postTrack(app.url, pv("/first")));
    const after = Date.now();
    const first = await eventually(async () => {
      const at = await stored();
      expect(at).toBeInstanceOf(Date);
      return at!;
    });
    expect(first.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(first.getTime()).toBeLessThanOrEqual(after + 1000);

    // The second event must come at a later millisecond, or a moved firstEventAt would look unmoved.
    await eventually(async () => expect(Date.now()).toBeGreaterThan(first.getTime()));
    await expectAccepted(await postTrack(app.url, pv("/second")));
    await one("pageviews", { websiteId: oid(site.websiteId), path: "/second" });
    await flushBarrier(app.url, db, barrier);
    expect((await stored())?.getTime()).toBe(first.getTime());
  });
});
