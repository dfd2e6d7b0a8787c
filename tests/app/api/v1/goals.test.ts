// POST /api/v1/goals: a server-side goal for a visitor the website has seen.
import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { makeVisit } from "../../../factories";
import { expectApiError } from "../../../helpers/api";
import { json, useV1, v1 } from "../../../helpers/api-v1";
import { flushBarrier, insertSite, postTrack, uid } from "../../../helpers/track";
import { eventually } from "../../../helpers/eventually";

const t = useV1("v1goals");
const goals = () => t.db.collection("goalevents");
const post = (key: string, body: unknown, headers?: Record<string, string>) => v1(t.app.url, key, "POST", "/goals", body, headers);

describe("POST /api/v1/goals", () => {
  it("writes the goal on the visitor's latest session with its source and props, 201", async () => {
    const visitorId = uid();
    await makeVisit(t.a.oid, new Date(Date.now() - 86_400_000), { visitorId, channel: "Direct" });
    const latest = await makeVisit(t.a.oid, new Date(Date.now() - 3_600_000), { visitorId, country: "DE", channel: "Organic Search", context: { utmCampaign: "spring" }, paths: ["/pricing", "/signup"] });
    const before = latest.events;

    const { goal } = await json<{ goal: Record<string, unknown> }>(await post(t.a.key, { visitorId, name: "signup", props: { plan: "pro", seats: 3, annual: true } }), 201);
    expect(goal).toMatchObject({ visitorId, name: "signup", sessionId: latest.sessionId, props: { plan: "pro", seats: "3", annual: "true" } });
    expect(Math.abs(Date.parse(goal.timestamp as string) - Date.now())).toBeLessThan(10_000);

    const doc = await goals().findOne({ _id: new mongoose.Types.ObjectId(goal.id as string) });
    expect(doc).toMatchObject({ name: "signup", visitorId, sessionId: latest.sessionId, country: "DE", channel: "Organic Search", utmCampaign: "spring", path: "/signup" });
    expect(String(doc!.websiteId)).toBe(t.a.id);
    expect(doc!.props).toEqual([{ k: "plan", v: "pro" }, { k: "seats", v: "3" }, { k: "annual", v: "true" }]);
    const session = await t.db.collection("sessions").findOne({ _id: latest._id });
    expect(session!.events).toBe((before ?? 0) + 1);
  });

  it("accepts a visitor first seen through the tracker", async () => {
    const barrier = await insertSite(t.db);
    const visitorId = uid();
    const url = `https://${t.a.domain}/landing`;
    expect((await postTrack(t.app.url, { type: "pageview", websiteId: t.a.id, url, visitorId, sessionId: uid() })).status).toBe(202);
    await flushBarrier(t.app.url, t.db, barrier);
    await eventually(async () => expect(await t.db.collection("sessions").countDocuments({ visitorId })).toBe(1));
    await json(await post(t.a.key, { visitorId, name: "trial_started" }), 201);
    expect(await goals().countDocuments({ visitorId, name: "trial_started", path: "/landing" })).toBe(1);
  });

  it("is a 404 for a visitor never seen, and writes nothing", async () => {
    const before = await goals().countDocuments();
    await expectApiError(await post(t.a.key, { visitorId: uid(), name: "signup" }), 404, "visitor_not_found");
    expect(await goals().countDocuments()).toBe(before);
  });

  it("will not attach a goal to another website's visitor", async () => {
    const visitorId = uid();
    await makeVisit(t.b.oid, new Date(), { visitorId });
    await expectApiError(await post(t.a.key, { visitorId, name: "signup" }), 404, "visitor_not_found");
    expect(await goals().countDocuments({ visitorId })).toBe(0);
    // The visitor's own website's key works, and the goal lands on that website only.
    await json(await post(t.b.key, { visitorId, name: "signup" }), 201);
    expect(await goals().countDocuments({ visitorId, websiteId: t.b.oid })).toBe(1);
    expect(await goals().countDocuments({ visitorId, websiteId: t.a.oid })).toBe(0);
  });

  it.each([
    ["no name", { name: undefined }],
    ["an empty name", { name: "  " }],
    ["a visitor id with spaces", { visitorId: "a b" }],
    ["an unknown field", { websiteId: "x" }],
    ["props that are not an object", { props: ["a"] }],
    ["a nested prop value", { props: { a: { b: 1 } } }],
    ["21 props", { props: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }],
    ["a prop key __proto__", { props: { ["__proto__"]: "x", plan: "pro" } }],
  ])("rejects %s with 400 and writes nothing", async (_label, patch) => {
    const visitorId = uid();
    await makeVisit(t.a.oid, new Date(), { visitorId });
    await expectApiError(await post(t.a.key, { visitorId, name: "signup", ...patch }), 400, "invalid_input");
    expect(await goals().countDocuments({ websiteId: t.a.oid, visitorId })).toBe(0);
  });

  it("rejects malformed JSON (400) and a non-JSON body (415)", async () => {
    const before = await goals().countDocuments();
    await expectApiError(await post(t.a.key, "{nope"), 400, "invalid_json");
    await expectApiError(await post(t.a.key, "visitorId=a&name=b", { "content-type": "application/x-www-form-urlencoded" }), 415, "unsupported_media_type");
    expect(await goals().countDocuments()).toBe(before);
  });
});
