// Website CRUD over HTTP, checked against what the store holds.
import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain, type WebsiteBody } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { newUser } from "../../helpers/client";

// The app under test runs with this secret (tests/helpers/app.ts); lib/crypto
// reads it when called, so decrypting here sees what the app encrypted.
process.env.NEXTAUTH_SECRET = "test-secret-not-for-production-0123456789";
delete process.env.TRAILMARK_SECRET;

const { ObjectId } = mongoose.Types;

let app: TestApp;
let db: mongoose.Connection;
let alice: Awaited<ReturnType<typeof newUser>>;
let bob: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  app = await startApp({ label: "websites" });
  db = await mongoose.createConnection(app.dbUri).asPromise();
  alice = await newUser(app.url, "Alice");
  bob = await newUser(app.url, "Bob");
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const websites = () => db.collection("websites");
const storedSite = (id: string) => websites().findOne({ _id: new ObjectId(id) });

describe("POST /api/websites", () => {
  it("creates a website with a normalised domain and default timezone and currency", async () => {
    const res = await alice.client.post("/api/websites", { domain: "https://WWW.Example.com/path" });
    expect(res.status).toBe(201);
    const { website } = (await res.json()) as { website: WebsiteBody };
    expect(website).toMatchObject({ domain: "example.com", name: "example.com", timezone: "UTC", currency: "USD" });
    expect(website.id).toMatch(/^[a-f0-9]{24}$/);
    for (const provider of ["stripe", "lemonsqueezy", "polar", "paddle"]) {
      expect(website.paymentProviders[provider]).toMatchObject({ configured: false });
    }
    const stored = await storedSite(website.id);
    expect(stored).toMatchObject({ domain: "example.com", name: "example.com", timezone: "UTC", currency: "USD" });
    expect(String(stored?.userId)).toBe(alice.id);
  });

  it("keeps a given name, timezone and currency", async () => {
    const domain = uniqueDomain("named");
    const website = await createSite(alice.client, { domain, name: "My Shop", timezone: "Europe/Paris", currency: "EUR" });
    expect(website).toMatchObject({ domain, name: "My Shop", timezone: "Europe/Paris", currency: "EUR" });
    expect(await storedSite(website.id)).toMatchObject({ domain, name: "My Shop", timezone: "Europe/Paris", currency: "EUR" });
  });

  // Current IANA names (what Firefox and Safari report, and tzdata lists), not only ICU's legacy aliases.
  it.each(["Asia/Kolkata", "Europe/Kyiv", "Asia/Ho_Chi_Minh", "Asia/Kathmandu", "America/Argentina/Buenos_Aires", "Etc/UTC"])(
    "accepts the IANA time zone %s",
    async (timezone) => {
      const res = await alice.client.post("/api/websites", { domain: uniqueDomain("tz"), timezone });
      const text = await res.text();
      expect(res.status, text).toBe(201);
      const { website } = JSON.parse(text) as { website: WebsiteBody };
      // Stored as given or as an equivalent alias: either names the same zone.
      const zone = (tz: string) => new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
      expect(zone(website.timezone)).toBe(zone(timezone));
      expect(zone((await storedSite(website.id))?.timezone)).toBe(zone(timezone));
    },
  );

  it("refuses the same domain twice for the same user with 409, however it is typed", async () => {
    const domain = uniqueDomain("twice");
    await createSite(alice.client, { domain });
    await expectApiError(await alice.client.post("/api/websites", { domain }), 409);
    await expectApiError(await alice.client.post("/api/websites", { domain: `https://www.${domain.toUpperCase()}/pricing` }), 409);
    expect(await websites().countDocuments({ domain, userId: new ObjectId(alice.id) })).toBe(1);
  });

  it("creates one website when the same domain is submitted many times at once", async () => {
    // A double-clicked "Add site" or a retried request must not make two sites.
    for (let round = 0; round < 3; round++) {
      const domain = uniqueDomain("race");
      const responses = await Promise.all(Array.from({ length: 12 }, () => alice.client.post("/api/websites", { domain })));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201), `round ${round}: ${statuses.join(",")}`).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(11);
      expect(await websites().countDocuments({ domain, userId: new ObjectId(alice.id) })).toBe(1);
    }
  });

  it("lets another user add a domain someone else already tracks", async () => {
    const domain = uniqueDomain("shared");
    const a = await createSite(alice.client, { domain });
    const b = await createSite(bob.client, { domain });
    expect(b.id).not.toBe(a.id);
    expect(String((await storedSite(b.id))?.userId)).toBe(bob.id);
  });
});

describe("GET /api/websites and /api/websites/{id}", () => {
  it("lists exactly the signed-in user's websites", async () => {
    const mine = await createSite(alice.client, { domain: uniqueDomain("mine") });
    const theirs = await createSite(bob.client, { domain: uniqueDomain("theirs") });
    const res = await alice.client.get("/api/websites");
    expect(res.status).toBe(200);
    const { websites: listed } = (await res.json()) as { websites: WebsiteBody[] };
    const ids = listed.map((w) => w.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    const owned = await websites().find({ userId: new ObjectId(alice.id) }).toArray();
    expect(new Set(ids)).toEqual(new Set(owned.map((w) => String(w._id))));
  });

  it("returns one website as it was created", async () => {
    const created = await createSite(alice.client, { domain: uniqueDomain("one"), name: "One", timezone: "Asia/Tokyo", currency: "JPY" });
    const res = await alice.client.get(`/api/websites/${created.id}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { website: WebsiteBody }).website).toEqual(created);
  });
});

describe("PATCH /api/websites/{id}", () => {
  it("updates name, timezone, currency and settings in the store", async () => {
    const site = await createSite(alice.client, { domain: uniqueDomain("patch") });
    const res = await alice.client.patch(`/api/websites/${site.id}`, {
      name: "Renamed",
      timezone: "America/New_York",
      currency: "gbp",
      settings: {
        excludeIps: ["203.0.113.7", "10.0.0.0/8", "2001:db8::/32"],
        excludeCountries: ["de"],
        excludePaths: ["/admin"],
        trackScroll: true,
        cookieless: true,
      },
    });
    expect(res.status).toBe(200);
    const { website } = (await res.json()) as { website: WebsiteBody };
    expect(website).toMatchObject({ id: site.id, domain: site.domain, name: "Renamed", timezone: "America/New_York", currency: "GBP" });
    expect(website.settings).toMatchObject({ excludeCountries: ["DE"], trackScroll: true, cookieless: true, respectDnt: false });
    const stored = await storedSite(site.id);
    expect(stored).toMatchObject({ name: "Renamed", timezone: "America/New_York", currency: "GBP", domain: site.domain });
    expect(stored?.settings).toMatchObject({
      excludeIps: ["203.0.113.7", "10.0.0.0/8", "2001:db8::/32"],
      excludeCountries: ["DE"],
      excludePaths: ["/admin"],
      trackScroll: true,
      cookieless: true,
    });
  });

  it("changes only the settings it names", async () => {
    const site = await createSite(alice.client, { domain: uniqueDomain("partial") });
    expect((await alice.client.patch(`/api/websites/${site.id}`, { settings: { trackScroll: true, excludePaths: ["/a"] } })).status).toBe(200);
    expect((await alice.client.patch(`/api/websites/${site.id}`, { settings: { respectDnt: true } })).status).toBe(200);
    const stored = await storedSite(site.id);
    expect(stored?.settings).toMatchObject({ trackScroll: true, respectDnt: true, excludePaths: ["/a"] });
    expect(stored).toMatchObject({ name: site.name, timezone: "UTC", currency: "USD" });
  });

  it("stores a webhook secret encrypted, reports it as configured and never returns it", async () => {
    const { decryptSecret } = await import("@/lib/crypto");
    const site = await createSite(alice.client, { domain: uniqueDomain("secret") });
    const secret = `whsec_${randomBytes(18).toString("hex")}`;
    const res = await alice.client.patch(`/api/websites/${site.id}`, { paymentProviders: { stripe: { webhookSecret: secret } } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(secret);
    const { website } = JSON.parse(text) as { website: WebsiteBody };
    expect(website.paymentProviders.stripe).toMatchObject({ configured: true });
    expect(website.paymentProviders.polar).toMatchObject({ configured: false });

    const stored = await storedSite(site.id);
    const sealed = stored?.paymentProviders?.stripe?.webhookSecretEnc as string;
    expect(typeof sealed).toBe("string");
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(decryptSecret(sealed)).toBe(secret);

    // Neither the secret nor its ciphertext comes back on a read.
    for (const path of [`/api/websites/${site.id}`, "/api/websites"]) {
      const read = await (await alice.client.get(path)).text();
      expect(read).not.toContain(secret);
      expect(read).not.toContain(sealed);
      expect(read).not.toContain("webhookSecret");
    }
    expect(text).not.toContain(sealed);
  });

  it("clears a webhook secret with null and leaves other providers' secrets alone", async () => {
    const site = await createSite(alice.client, { domain: uniqueDomain("clear") });
    const set = await alice.client.patch(`/api/websites/${site.id}`, {
      paymentProviders: { stripe: { webhookSecret: "whsec_first_secret_1" }, polar: { webhookSecret: "polar_secret_value_2" } },
    });
    expect(set.status).toBe(200);
    const res = await alice.client.patch(`/api/websites/${site.id}`, { paymentProviders: { stripe: { webhookSecret: null } } });
    expect(res.status).toBe(200);
    const { website } = (await res.json()) as { website: WebsiteBody };
    expect(website.paymentProviders.stripe).toMatchObject({ configured: false });
    expect(website.paymentProviders.polar).toMatchObject({ configured: true });
    const stored = await storedSite(site.id);
    expect(stored?.paymentProviders?.stripe?.webhookSecretEnc).toBeUndefined();
    expect(typeof stored?.paymentProviders?.polar?.webhookSecretEnc).toBe("string");
  });
});

describe("DELETE /api/websites/{id}", () => {
  // Every collection that holds a website's data (models/index.ts websiteScopedModels).
  const rawCollections = ["sessions", "pageviews", "goals", "goalevents", "payments", "funnels", "funnelevents", "mentions", "commits"];

  async function seedData(websiteId: string, tag: string) {
    const wid = new ObjectId(websiteId);
    const now = new Date();
    await db.collection("sessions").insertMany([
      { websiteId: wid, sessionId: `${tag}-s1`, visitorId: `${tag}-v1`, startedAt: now, lastSeenAt: now },
      { websiteId: wid, sessionId: `${tag}-s2`, visitorId: `${tag}-v2`, startedAt: now, lastSeenAt: now },
    ]);
    await db.collection("pageviews").insertMany([
      { websiteId: wid, sessionId: `${tag}-s1`, visitorId: `${tag}-v1`, timestamp: now, path: "/" },
      { websiteId: wid, sessionId: `${tag}-s1`, visitorId: `${tag}-v1`, timestamp: now, path: "/pricing" },
      { websiteId: wid, sessionId: `${tag}-s2`, visitorId: `${tag}-v2`, timestamp: now, path: "/" },
    ]);
    await db.collection("goals").insertOne({ websiteId: wid, name: "signup" });
    await db.collection("goalevents").insertMany([
      { websiteId: wid, name: "signup", visitorId: `${tag}-v1`, timestamp: now },
      { websiteId: wid, name: "signup", visitorId: `${tag}-v2`, timestamp: now },
    ]);
    await db.collection("payments").insertMany([
      { websiteId: wid, provider: "api", transactionId: `${tag}-t1`, amount: 1000, currency: "USD", timestamp: now },
      { websiteId: wid, provider: "stripe", transactionId: `${tag}-t2`, amount: 2500, currency: "USD", timestamp: now },
    ]);
    await db.collection("funnels").insertOne({ websiteId: wid, name: "checkout" });
    await db.collection("funnelevents").insertOne({ websiteId: wid, visitorId: `${tag}-v1`, timestamp: now });
    await db.collection("mentions").insertOne({ websiteId: wid, externalId: `${tag}-m1`, at: now });
    await db.collection("commits").insertOne({ websiteId: wid, sha: `${tag}-c1`, at: now });
  }

  const counts = async (websiteId: string) => {
    const wid = new ObjectId(websiteId);
    const entries = await Promise.all(
      [...rawCollections, "apikeys"].map(async (c) => [c, await db.collection(c).countDocuments({ websiteId: wid })] as const),
    );
    return Object.fromEntries(entries);
  };

  it("deletes the website and all its data in every collection, and nothing of another website", async () => {
    const doomed = await createSite(alice.client, { domain: uniqueDomain("doomed") });
    const kept = await createSite(alice.client, { domain: uniqueDomain("kept") });
    const bobs = await createSite(bob.client, { domain: uniqueDomain("bobs") });
    for (const [site, client] of [[doomed, alice.client], [kept, alice.client], [bobs, bob.client]] as const) {
      await seedData(site.id, site.id);
      for (const name of ["k1", "k2"]) {
        expect((await client.post(`/api/websites/${site.id}/api-keys`, { name })).status).toBe(201);
      }
    }
    const keptBefore = await counts(kept.id);
    const bobsBefore = await counts(bobs.id);
    const doomedBefore = await counts(doomed.id);
    // The seed must have put something everywhere, or the test proves nothing.
    for (const n of Object.values(doomedBefore)) expect(n).toBeGreaterThan(0);

    const res = await alice.client.delete(`/api/websites/${doomed.id}`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");

    expect(await storedSite(doomed.id)).toBeNull();
    expect(await counts(doomed.id)).toEqual(Object.fromEntries(Object.keys(doomedBefore).map((k) => [k, 0])));
    expect(await counts(kept.id)).toEqual(keptBefore);
    expect(await counts(bobs.id)).toEqual(bobsBefore);
    expect(await storedSite(kept.id)).not.toBeNull();
    expect(await storedSite(bobs.id)).not.toBeNull();

    await expectApiError(await alice.client.get(`/api/websites/${doomed.id}`), 404, "not_found");
    await expectApiError(await alice.client.delete(`/api/websites/${doomed.id}`), 404, "not_found");
    const listed = (await (await alice.client.get("/api/websites")).json()) as { websites: WebsiteBody[] };
    expect(listed.websites.map((w) => w.id)).not.toContain(doomed.id);
  });
});
