// API keys of a website: shown once, stored as a hash, revocable.
import { createHash } from "node:crypto";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain, type WebsiteBody } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { newUser } from "../../helpers/client";

const { ObjectId } = mongoose.Types;

type CreatedKey = { id: string; key: string; name: string; prefix: string };
type ListedKey = { id: string; name: string; prefix: string };

let app: TestApp;
let db: mongoose.Connection;
let user: Awaited<ReturnType<typeof newUser>>;
let site: WebsiteBody;

beforeAll(async () => {
  app = await startApp({ label: "apikeys" });
  db = await mongoose.createConnection(app.dbUri).asPromise();
  user = await newUser(app.url);
  site = await createSite(user.client, { domain: uniqueDomain("keys") });
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const apiKeys = () => db.collection("apikeys");
const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");
const keysPath = (websiteId = site.id) => `/api/websites/${websiteId}/api-keys`;

async function createKey(body: Record<string, unknown> = {}, websiteId = site.id): Promise<CreatedKey> {
  const res = await user.client.post(keysPath(websiteId), body);
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return JSON.parse(text) as CreatedKey;
}

async function listKeys(websiteId = site.id): Promise<{ text: string; keys: ListedKey[] }> {
  const res = await user.client.get(keysPath(websiteId));
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, keys: (JSON.parse(text) as { apiKeys: ListedKey[] }).apiKeys };
}

describe("POST /api/websites/{id}/api-keys", () => {
  it("returns 201 with the key once, its id, name and prefix", async () => {
    const created = await createKey({ name: "CI" });
    expect(created).toMatchObject({ id: expect.stringMatching(/^[a-f0-9]{24}$/), name: "CI" });
    expect(created.key).toMatch(/^tm_[A-Za-z0-9_-]{20,}$/);
    expect(created.prefix.length).toBeGreaterThanOrEqual(4);
    expect(created.prefix.length).toBeLessThan(created.key.length);
    expect(created.key.startsWith(created.prefix)).toBe(true);
  });

  it("gives every key a different value", async () => {
    const a = await createKey({ name: "a" });
    const b = await createKey({ name: "b" });
    expect(a.key).not.toBe(b.key);
    expect(a.id).not.toBe(b.id);
  });

  it("stores only a SHA-256 hash of the key, bound to the website", async () => {
    const created = await createKey({ name: "Stored" });
    const doc = await apiKeys().findOne({ _id: new ObjectId(created.id) });
    expect(doc).not.toBeNull();
    expect(doc?.keyHash).toBe(sha256(created.key));
    expect(String(doc?.websiteId)).toBe(site.id);
    expect(String(doc?.userId)).toBe(user.id);
    expect(JSON.stringify(doc)).not.toContain(created.key);
    // Not even the part after the prefix is kept.
    expect(JSON.stringify(doc)).not.toContain(created.key.slice(created.prefix.length));
  });

  it.each([
    ["an empty name", { name: "" }],
    ["a numeric name", { name: 7 }],
    ["an unknown field", { name: "x", websiteId: "0123456789abcdef01234567" }],
  ])("rejects %s with 400 and stores no key", async (_label, body) => {
    const before = await apiKeys().countDocuments();
    await expectApiError(await user.client.post(keysPath(), body), 400, "invalid_input");
    expect(await apiKeys().countDocuments()).toBe(before);
  });
});

describe("GET /api/websites/{id}/api-keys", () => {
  it("lists id, name and prefix of each key, never the key nor its hash", async () => {
    const created = await createKey({ name: "Listed" });
    const { text, keys } = await listKeys();
    const listed = keys.find((k) => k.id === created.id);
    expect(listed).toMatchObject({ id: created.id, name: "Listed", prefix: created.prefix });
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(sha256(created.key));
    expect(text).not.toContain("keyHash");
    for (const k of keys) expect(Object.keys(k)).not.toContain("key");
  });

  it("lists exactly the website's keys", async () => {
    const other = await createSite(user.client, { domain: uniqueDomain("other") });
    const otherKey = await createKey({ name: "Other site" }, other.id);
    const { keys } = await listKeys();
    expect(keys.map((k) => k.id)).not.toContain(otherKey.id);
    const stored = await apiKeys().find({ websiteId: new ObjectId(site.id) }).toArray();
    expect(new Set(keys.map((k) => k.id))).toEqual(new Set(stored.map((d) => String(d._id))));
    expect((await listKeys(other.id)).keys.map((k) => k.id)).toEqual([otherKey.id]);
  });
});

describe("DELETE /api/websites/{id}/api-keys/{keyId}", () => {
  it("revokes a key with 204, then 404 on repeat", async () => {
    const created = await createKey({ name: "Doomed" });
    const kept = await createKey({ name: "Kept" });
    const res = await user.client.delete(`${keysPath()}/${created.id}`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(await apiKeys().findOne({ _id: new ObjectId(created.id) })).toBeNull();
    expect(await apiKeys().findOne({ _id: new ObjectId(kept.id) })).not.toBeNull();
    const ids = (await listKeys()).keys.map((k) => k.id);
    expect(ids).not.toContain(created.id);
    expect(ids).toContain(kept.id);

    await expectApiError(await user.client.delete(`${keysPath()}/${created.id}`), 404, "not_found");
  });

  it.each([
    ["an unknown id", "0123456789abcdef01234567"],
    ["a malformed id", "not-a-key-id"],
    ["an id with upper-case hex", "0123456789ABCDEF01234567"],
  ])("answers 404 for %s and deletes nothing", async (_label, keyId) => {
    await createKey({ name: "Bystander" });
    const before = await apiKeys().countDocuments();
    await expectApiError(await user.client.delete(`${keysPath()}/${keyId}`), 404, "not_found");
    expect(await apiKeys().countDocuments()).toBe(before);
  });

  it("will not revoke another website's key through this website's path", async () => {
    const other = await createSite(user.client, { domain: uniqueDomain("cross") });
    const otherKey = await createKey({ name: "Other" }, other.id);
    await expectApiError(await user.client.delete(`${keysPath()}/${otherKey.id}`), 404, "not_found");
    expect(await apiKeys().findOne({ _id: new ObjectId(otherKey.id) })).not.toBeNull();
  });
});
