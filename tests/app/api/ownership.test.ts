// Someone else's website is a 404 on every route, and anonymous calls are 401s.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain, type WebsiteBody } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { Client, newUser } from "../../helpers/client";

const { ObjectId } = mongoose.Types;

let app: TestApp;
let db: mongoose.Connection;
let alice: Awaited<ReturnType<typeof newUser>>;
let bob: Awaited<ReturnType<typeof newUser>>;
let site: WebsiteBody;
let keyId: string;

beforeAll(async () => {
  app = await startApp({ label: "ownership" });
  db = await mongoose.createConnection(app.dbUri).asPromise();
  alice = await newUser(app.url, "Alice");
  bob = await newUser(app.url, "Bob");
  site = await createSite(alice.client, { domain: uniqueDomain("alices"), name: "Alice's site" });
  const res = await alice.client.post(`/api/websites/${site.id}/api-keys`, { name: "Alice's key" });
  expect(res.status).toBe(201);
  keyId = ((await res.json()) as { id: string }).id;
  // Bob has a site of his own, so his session is a real owner's.
  await createSite(bob.client, { domain: uniqueDomain("bobs") });
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

type Call = [label: string, method: string, path: () => string, body?: unknown];
const routes: Call[] = [
  ["GET /api/websites/{id}", "GET", () => `/api/websites/${site.id}`],
  ["PATCH /api/websites/{id}", "PATCH", () => `/api/websites/${site.id}`, { name: "Hijacked", paymentProviders: { stripe: { webhookSecret: "whsec_attacker_secret" } } }],
  ["DELETE /api/websites/{id}", "DELETE", () => `/api/websites/${site.id}`],
  ["GET /api/websites/{id}/api-keys", "GET", () => `/api/websites/${site.id}/api-keys`],
  ["POST /api/websites/{id}/api-keys", "POST", () => `/api/websites/${site.id}/api-keys`, { name: "Attacker key" }],
  ["DELETE /api/websites/{id}/api-keys/{keyId}", "DELETE", () => `/api/websites/${site.id}/api-keys/${keyId}`],
];

/** Everything of Alice's that a call from someone else could have touched. */
async function alicesState() {
  const wid = new ObjectId(site.id);
  return {
    website: await db.collection("websites").findOne({ _id: wid }),
    keys: await db.collection("apikeys").find({ websiteId: wid }).sort({ _id: 1 }).toArray(),
  };
}

describe("another user's website", () => {
  it.each(routes)("%s answers 404 with the JSON error and changes nothing", async (_label, method, path, body) => {
    const before = await alicesState();
    expect(before.website).not.toBeNull();
    expect(before.keys.map((k) => String(k._id))).toContain(keyId);
    const res = await bob.client.request(method, path(), body);
    const text = await res.clone().text();
    await expectApiError(res, 404, "not_found");
    expect(text).not.toContain(site.domain);
    expect(await alicesState()).toEqual(before);
  });

  it.each(["", "/settings", "/goals", "/revenue", "/realtime", "/funnels"])("its dashboard page %s answers Bob with status 404, not a 200 not-found page", async (sub) => {
    const res = await bob.client.get(`/dashboard/${site.id}${sub}`);
    const html = await res.text();
    expect(res.status, html.slice(0, 200)).toBe(404);
    expect(html).toContain("Site not found");
    expect(html).not.toContain("Alice&#x27;s site");
    expect(html).not.toContain("Alice's site");
    expect(html).not.toContain(site.domain);
    // Alice gets the page itself.
    expect((await alice.client.get(`/dashboard/${site.id}${sub}`)).status).toBe(200);
  });

  it("is still Alice's, unchanged, after all of Bob's attempts", async () => {
    const res = await alice.client.get(`/api/websites/${site.id}`);
    expect(res.status).toBe(200);
    const { website } = (await res.json()) as { website: WebsiteBody };
    expect(website).toMatchObject({ name: "Alice's site", domain: site.domain });
    expect(website.paymentProviders.stripe.configured).toBe(false);
    const keys = (await (await alice.client.get(`/api/websites/${site.id}/api-keys`)).json()) as { apiKeys: { id: string; name: string }[] };
    expect(keys.apiKeys.map((k) => k.name)).toEqual(["Alice's key"]);
  });

  it("never appears in another user's list", async () => {
    const res = await bob.client.get("/api/websites");
    expect(res.status).toBe(200);
    const { websites } = (await res.json()) as { websites: WebsiteBody[] };
    expect(websites.length).toBeGreaterThan(0);
    expect(websites.map((w) => w.id)).not.toContain(site.id);
    const bobs = await db.collection("websites").find({ userId: new ObjectId(bob.id) }).toArray();
    expect(new Set(websites.map((w) => w.id))).toEqual(new Set(bobs.map((w) => String(w._id))));
  });

  it("is a 404 for Alice's key revoked through Bob's own website", async () => {
    const bobsSite = await createSite(bob.client, { domain: uniqueDomain("bobs2") });
    await expectApiError(await bob.client.delete(`/api/websites/${bobsSite.id}/api-keys/${keyId}`), 404, "not_found");
    expect(await db.collection("apikeys").findOne({ _id: new ObjectId(keyId) })).not.toBeNull();
  });
});

describe("no session", () => {
  const anonymousRoutes: Call[] = [
    ["GET /api/websites", "GET", () => "/api/websites"],
    ["POST /api/websites", "POST", () => "/api/websites", { domain: "anonymous.example.org" }],
    ...routes,
  ];

  it.each(anonymousRoutes)("%s answers 401 with the JSON error and changes nothing", async (_label, method, path, body) => {
    const before = await alicesState();
    const sitesBefore = await db.collection("websites").countDocuments();
    const res = await new Client(app.url).request(method, path(), body);
    await expectApiError(res, 401);
    expect(await alicesState()).toEqual(before);
    expect(await db.collection("websites").countDocuments()).toBe(sitesBefore);
  });

  it("answers 401 with a forged session cookie", async () => {
    const res = await fetch(`${app.url}/api/websites`, { headers: { cookie: "next-auth.session-token=forged.value.here" } });
    await expectApiError(res, 401);
  });
});

describe("ids that name no website of the user", () => {
  it.each([
    ["a malformed id", "not-an-id"],
    ["a well-formed unknown id", "0123456789abcdef01234567"],
    ["an upper-case id", "0123456789ABCDEF01234567"],
    ["a 25-character id", `${"a".repeat(24)}b`],
  ])("%s is a 404 on GET, PATCH, DELETE and the keys routes", async (_label, id) => {
    const sitesBefore = await db.collection("websites").countDocuments();
    const keysBefore = await db.collection("apikeys").countDocuments();
    await expectApiError(await alice.client.get(`/api/websites/${id}`), 404, "not_found");
    await expectApiError(await alice.client.patch(`/api/websites/${id}`, { name: "X" }), 404, "not_found");
    await expectApiError(await alice.client.delete(`/api/websites/${id}`), 404, "not_found");
    await expectApiError(await alice.client.get(`/api/websites/${id}/api-keys`), 404, "not_found");
    await expectApiError(await alice.client.post(`/api/websites/${id}/api-keys`, { name: "X" }), 404, "not_found");
    await expectApiError(await alice.client.delete(`/api/websites/${id}/api-keys/${keyId}`), 404, "not_found");
    expect(await db.collection("websites").countDocuments()).toBe(sitesBefore);
    expect(await db.collection("apikeys").countDocuments()).toBe(keysBefore);
  });
});
