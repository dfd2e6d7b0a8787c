// Mutating dashboard calls must name our own Origin; reads need not.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain, type WebsiteBody } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { newUser, type Client } from "../../helpers/client";

const { ObjectId } = mongoose.Types;

let app: TestApp;
let db: mongoose.Connection;
let user: Awaited<ReturnType<typeof newUser>>;
let site: WebsiteBody;
let keyId: string;

beforeAll(async () => {
  app = await startApp({ label: "csrf" });
  db = await mongoose.createConnection(app.dbUri).asPromise();
  user = await newUser(app.url);
  site = await createSite(user.client, { domain: uniqueDomain("csrf"), name: "Original" });
  const res = await user.client.post(`/api/websites/${site.id}/api-keys`, { name: "Original key" });
  expect(res.status).toBe(201);
  keyId = ((await res.json()) as { id: string }).id;
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

/** The whole database, so a call that writes anywhere shows. */
async function everything() {
  const out: Record<string, unknown[]> = {};
  for (const c of ["users", "websites", "apikeys"]) out[c] = await db.collection(c).find({}).sort({ _id: 1 }).toArray();
  return out;
}

type Call = [label: string, method: string, path: () => string, body?: unknown];
const mutations: Call[] = [
  ["POST /api/websites", "POST", () => "/api/websites", { domain: "forged.example.org" }],
  ["PATCH /api/websites/{id}", "PATCH", () => `/api/websites/${site.id}`, { name: "Forged", settings: { cookieless: true } }],
  ["DELETE /api/websites/{id}", "DELETE", () => `/api/websites/${site.id}`],
  ["POST /api/websites/{id}/api-keys", "POST", () => `/api/websites/${site.id}/api-keys`, { name: "Forged key" }],
  ["DELETE /api/websites/{id}/api-keys/{keyId}", "DELETE", () => `/api/websites/${site.id}/api-keys/${keyId}`],
];

const foreignOrigins: [string, string | null][] = [
  ["a foreign origin", "https://evil.example"],
  ["no Origin header", null],
  ["the literal null origin", "null"],
  ["our host on another port", "http://127.0.0.1:1"],
  ["our host over https", "https://127.0.0.1"],
];

describe("signed-in mutating calls from elsewhere", () => {
  for (const [originLabel, origin] of foreignOrigins) {
    it.each(mutations)(`%s with ${originLabel} answers 403 cross_origin_request and writes nothing`, async (_l, method, path, body) => {
      const client: Client = user.client.withOrigin(origin === null ? null : origin);
      const before = await everything();
      const res = await client.request(method, path(), body);
      await expectApiError(res, 403, "cross_origin_request");
      expect(await everything()).toEqual(before);
    });
  }

  it("checks the Origin before it reads the body", async () => {
    const res = await user.client.withOrigin("https://evil.example").request("POST", "/api/websites", undefined, { rawBody: "{not json" });
    await expectApiError(res, 403, "cross_origin_request");
  });
});

describe("same-origin calls", () => {
  it("create, update and delete with our Origin header", async () => {
    const client = user.client.withOrigin(app.url);
    const created = await createSite(client, { domain: uniqueDomain("same") });
    expect(await db.collection("websites").findOne({ _id: new ObjectId(created.id) })).not.toBeNull();

    const patched = await client.patch(`/api/websites/${created.id}`, { name: "Same origin" });
    expect(patched.status).toBe(200);
    expect((await db.collection("websites").findOne({ _id: new ObjectId(created.id) }))?.name).toBe("Same origin");

    const key = await client.post(`/api/websites/${created.id}/api-keys`, { name: "k" });
    expect(key.status).toBe(201);
    const { id } = (await key.json()) as { id: string };
    expect((await client.delete(`/api/websites/${created.id}/api-keys/${id}`)).status).toBe(204);

    expect((await client.delete(`/api/websites/${created.id}`)).status).toBe(204);
    expect(await db.collection("websites").findOne({ _id: new ObjectId(created.id) })).toBeNull();
  });

  it("reads without any Origin header", async () => {
    const client = user.client.withOrigin(null);
    const list = await client.get("/api/websites");
    expect(list.status).toBe(200);
    expect(((await list.json()) as { websites: WebsiteBody[] }).websites.map((w) => w.id)).toContain(site.id);
    expect((await client.get(`/api/websites/${site.id}`)).status).toBe(200);
    expect((await client.get(`/api/websites/${site.id}/api-keys`)).status).toBe(200);
  });

  it("reads with a foreign Origin header too: a GET changes nothing, and CORS keeps the answer from the other site", async () => {
    const res = await user.client.request("GET", `/api/websites/${site.id}`, undefined, { headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(((await res.json()) as { website: WebsiteBody }).website.id).toBe(site.id);
  });

  it("left the original website and key in place", async () => {
    const stored = await db.collection("websites").findOne({ _id: new ObjectId(site.id) });
    expect(stored?.name).toBe("Original");
    expect(stored?.settings?.cookieless).toBe(false);
    expect(await db.collection("apikeys").findOne({ _id: new ObjectId(keyId) })).not.toBeNull();
  });
});
