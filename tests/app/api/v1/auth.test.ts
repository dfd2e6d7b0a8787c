// The /api/v1 gate: bearer key bound to one website, JSON errors, per-key rate limit.
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../../helpers/api";
import { createKey, json, useV1, v1 } from "../../../helpers/api-v1";
import { uid } from "../../../helpers/track";

// Above the 7 requests the revocation test makes with one key.
const LIMIT = 10;
const t = useV1("v1auth", { TRAILMARK_API_RATE_LIMIT: String(LIMIT) });

// Every keyed endpoint, with input that would be valid, so only the key decides.
const ENDPOINTS: [string, string, unknown?][] = [
  ["GET", "/visitors"],
  ["GET", "/visitors/someone"],
  ["POST", "/goals", { visitorId: "someone", name: "signup" }],
  ["POST", "/identify", { visitorId: "someone", userId: "u1" }],
  ["GET", "/realtime"],
  ["GET", "/export?from=2026-01-01&to=2026-01-02"],
];

describe("authentication", () => {
  it.each(ENDPOINTS)("%s %s: 401 without a key, with a malformed header and with an unknown key", async (method, path, body) => {
    await expectApiError(await v1(t.app.url, null, method, path, body), 401, "unauthorized");
    await expectApiError(await v1(t.app.url, null, method, path, body, { authorization: `Basic ${t.a.key}` }), 401, "unauthorized");
    // Fresh bogus keys: each has its own rate-limit bucket.
    await expectApiError(await v1(t.app.url, `tm_${uid()}${uid()}`, method, path, body), 401, "unauthorized");
    await expectApiError(await v1(t.app.url, `not-a-key-${uid()}`, method, path, body), 401, "unauthorized");
  });

  it("refuses a key once revoked, on every endpoint", async () => {
    const { id, key } = await createKey(t.owner, t.a.id);
    expect((await v1(t.app.url, key, "GET", "/realtime")).status).toBe(200);
    expect((await t.owner.client.delete(`/api/websites/${t.a.id}/api-keys/${id}`)).status).toBe(204);
    for (const [method, path, body] of ENDPOINTS) await expectApiError(await v1(t.app.url, key, method, path, body), 401, "unauthorized");
    expect(await t.db.collection("goalevents").countDocuments()).toBe(0);
    expect(await t.db.collection("identities").countDocuments()).toBe(0);
  });

  it("refuses the keys of a deleted website", async () => {
    const res = await t.owner.client.post("/api/websites", { domain: `gone-${Date.now()}.example.com` });
    const { website } = await json<{ website: { id: string } }>(res, 201);
    const { key } = await createKey(t.owner, website.id);
    expect((await v1(t.app.url, key, "GET", "/realtime")).status).toBe(200);
    expect((await t.owner.client.delete(`/api/websites/${website.id}`)).status).toBe(204);
    await expectApiError(await v1(t.app.url, key, "GET", "/realtime"), 401, "unauthorized");
  });

  it("serves the OpenAPI document without a key", async () => {
    expect((await v1(t.app.url, null, "GET", "/openapi.json")).status).toBe(200);
  });
});

describe("rate limit", () => {
  it("allows a burst of the limit per key, then 429 with Retry-After; other keys are unaffected", async () => {
    const { key } = await createKey(t.owner, t.a.id);
    const remaining: string[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const res = await v1(t.app.url, key, "GET", "/realtime");
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ratelimit-limit")).toBe(String(LIMIT));
      remaining.push(res.headers.get("x-ratelimit-remaining")!);
    }
    expect(remaining).toEqual(Array.from({ length: LIMIT }, (_, i) => String(LIMIT - 1 - i)));
    const refused = await v1(t.app.url, key, "POST", "/goals", { visitorId: "v", name: "g" });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60 / LIMIT);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    await expectApiError(refused, 429, "rate_limited");

    const other = await createKey(t.owner, t.a.id);
    expect((await v1(t.app.url, other.key, "GET", "/realtime")).status).toBe(200);
  });

  it("limits a bad key too, so guessing cannot hammer the store", async () => {
    const bogus = `tm_${uid()}${uid()}`;
    for (let i = 0; i < LIMIT; i++) await expectApiError(await v1(t.app.url, bogus, "GET", "/realtime"), 401, "unauthorized");
    await expectApiError(await v1(t.app.url, bogus, "GET", "/realtime"), 429, "rate_limited");
  });

  it("puts the rate-limit headers on errors too", async () => {
    const { key } = await createKey(t.owner, t.a.id);
    const res = await v1(t.app.url, key, "GET", "/visitors?limit=0");
    expect(res.headers.get("x-ratelimit-limit")).toBe(String(LIMIT));
    await expectApiError(res, 400, "invalid_input");
  });
});
