// POST /api/v1/identify: links a visitor to the customer's user, email only as the tracker's hash.
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../../helpers/api";
import { json, useV1, v1 } from "../../../helpers/api-v1";
import { eventually } from "../../../helpers/eventually";
import { expectAccepted, flushBarrier, insertSite, postTrack, uid } from "../../../helpers/track";

const t = useV1("v1identify");
const identities = () => t.db.collection<{ _id: string } & Record<string, unknown>>("identities");
const post = (key: string, body: unknown) => v1(t.app.url, key, "POST", "/identify", body);

describe("POST /api/v1/identify", () => {
  it("upserts the identity under <websiteId>:<visitorId> and returns the profile, never the email", async () => {
    const visitorId = uid();
    const res = await post(t.a.key, { visitorId, userId: "user_42", email: "Ada@Example.com", name: "Ada", metadata: { plan: "pro", seats: 3 } });
    const text = await res.clone().text();
    const body = await json<{ visitorId: string; profile: Record<string, unknown> }>(res, 200);
    expect(body).toMatchObject({ visitorId, profile: { userId: "user_42", name: "Ada", hasEmail: true, traits: { plan: "pro", seats: "3" } } });
    expect(text.toLowerCase()).not.toContain("ada@example.com");

    const doc = await identities().findOne({ _id: `${t.a.id}:${visitorId}` });
    expect(doc).toMatchObject({ visitorId, userId: "user_42", name: "Ada", traits: [{ k: "plan", v: "pro" }, { k: "seats", v: "3" }] });
    expect(String(doc!.websiteId)).toBe(t.a.id);
    expect(doc!.emailHash).toMatch(/^[a-f0-9]{64}$/);
    expect(JSON.stringify(doc).toLowerCase()).not.toContain("ada@example.com");
  });

  it("hashes the email exactly as the tracker's identify does, so payments match either", async () => {
    const barrier = await insertSite(t.db);
    const fromTracker = uid();
    await expectAccepted(await postTrack(t.app.url, { type: "identify", websiteId: t.a.id, url: `https://${t.a.domain}/`, visitorId: fromTracker, sessionId: uid(), email: "grace@example.com" }));
    await flushBarrier(t.app.url, t.db, barrier);
    const fromApi = uid();
    await json(await post(t.a.key, { visitorId: fromApi, userId: "g", email: "  GRACE@example.com " }), 200);
    await eventually(async () => expect(await identities().findOne({ _id: `${t.a.id}:${fromTracker}` })).not.toBeNull());
    const [a, b] = await Promise.all([identities().findOne({ _id: `${t.a.id}:${fromTracker}` }), identities().findOne({ _id: `${t.a.id}:${fromApi}` })]);
    expect(b!.emailHash).toBe(a!.emailHash);
  });

  it("updates on repeat: new values win, traits merge, absent fields stay", async () => {
    const visitorId = uid();
    await json(await post(t.a.key, { visitorId, userId: "u1", email: "x@example.com", name: "X", metadata: { plan: "free", team: "a" } }), 200);
    const { profile } = await json<{ profile: Record<string, unknown> }>(await post(t.a.key, { visitorId, userId: "u2", metadata: { plan: "pro" } }), 200);
    expect(profile).toMatchObject({ userId: "u2", name: "X", hasEmail: true, traits: { plan: "pro", team: "a" } });
    expect(await identities().countDocuments({ visitorId })).toBe(1);
  });

  it("keeps each website's identity of the same visitor id apart", async () => {
    const visitorId = uid();
    await json(await post(t.a.key, { visitorId, userId: "on-a" }), 200);
    await json(await post(t.b.key, { visitorId, userId: "on-b" }), 200);
    expect((await identities().findOne({ _id: `${t.a.id}:${visitorId}` }))!.userId).toBe("on-a");
    expect((await identities().findOne({ _id: `${t.b.id}:${visitorId}` }))!.userId).toBe("on-b");
  });

  it.each([
    ["no userId", { userId: undefined }],
    ["an empty userId", { userId: " " }],
    ["a malformed email", { email: "not-an-email" }],
    ["a bad visitor id", { visitorId: "x/y" }],
    ["nested metadata", { metadata: { a: { b: 1 } } }],
    ["51 metadata keys", { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 1])) }],
    ["an unknown field", { traits: {} }],
    ["a metadata key __proto__", { metadata: { ["__proto__"]: "x", plan: "pro" } }],
  ])("rejects %s with 400 and writes nothing", async (_label, patch) => {
    const visitorId = uid();
    await expectApiError(await post(t.a.key, { visitorId, userId: "u", ...patch }), 400, "invalid_input");
    expect(await identities().countDocuments({ visitorId })).toBe(0);
  });
});
