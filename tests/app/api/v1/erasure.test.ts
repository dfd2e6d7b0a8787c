// Erasing one visitor (DELETE /api/v1/visitors/{id}, by user id or email, and
// from the dashboard): after each, a scan of every store collection and every
// engine row (rows only marked deleted included) finds no trace of them, while
// other visitors and the money of their payments stay.
import { beforeAll, describe, expect, it } from "vitest";
import { hashEmail } from "@/lib/crypto";
import { expectApiError } from "../../../helpers/api";
import { json, useV1, v1, type Site } from "../../../helpers/api-v1";
import { eventually } from "../../../helpers/eventually";
import { engineMentions, findTraces } from "../../../helpers/traces";
import { expectAccepted, postTrack, uid } from "../../../helpers/track";

const t = useV1("v1erasure");
process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789"; // the app's: emails hash alike here

type Visitor = { visitorId: string; activity: { pageviews: number } };
const getVisitor = (id: string, site: Site = t.a) => v1(t.app.url, site.key, "GET", `/visitors/${id}`);

/** A visit through the real ingest path: pageviews, a goal and an optional identify, as a browser sends them. */
async function visit(site: Site, visitorId: string, opts: { userId?: string; email?: string; paths?: string[] } = {}) {
  const sessionId = `s${uid()}`;
  const base = { websiteId: site.id, visitorId, sessionId };
  for (const p of opts.paths ?? ["/", "/pricing"]) await expectAccepted(await postTrack(t.app.url, { ...base, type: "pageview", url: `https://${site.domain}${p}`, referrer: "https://news.ycombinator.com/" }));
  await expectAccepted(await postTrack(t.app.url, { ...base, type: "goal", name: "signup", url: `https://${site.domain}/pricing` }));
  if (opts.userId || opts.email) await expectAccepted(await postTrack(t.app.url, { ...base, type: "identify", url: `https://${site.domain}/pricing`, userId: opts.userId, email: opts.email }));
  return sessionId;
}

async function seen(visitorId: string, pageviews = 2) {
  await eventually(async () => expect((await json<{ visitor: Visitor }>(await getVisitor(visitorId), 200)).visitor.activity.pageviews).toBe(pageviews));
}

const pay = (body: Record<string, unknown>) => v1(t.app.url, t.a.key, "POST", "/payments", { currency: "USD", ...body });

async function payments(site: Site) {
  return t.db.collection("payments").find({ websiteId: site.oid }).toArray();
}

const keep = `keep${uid()}`;
beforeAll(async () => {
  await visit(t.a, keep);
  await seen(keep);
});

describe("DELETE /api/v1/visitors/{visitorId}", () => {
  it("removes every trace of the visitor and keeps their payment as unattributed money", async () => {
    const victim = `v${uid()}`;
    const email = `ada${uid()}@example.com`;
    const userId = `user_${uid()}`;
    const secretPath = `/only-${victim}`;
    const sessionId = await visit(t.a, victim, { userId, email, paths: ["/", secretPath] });
    await seen(victim);
    const live = async () => json<{ activeVisitors: number; pages: { path: string }[] }>(await v1(t.app.url, t.a.key, "GET", "/realtime"), 200);
    const activeBefore = (await live()).activeVisitors;
    expect((await live()).pages.map((p) => p.path)).toContain(secretPath);
    expect((await pay({ transactionId: `tx_${uid()}`, amount: 4900, visitorId: victim, email })).status).toBe(201);
    // A deleted payment leaves a tombstone row that still names the visitor.
    const gone = `tx_${uid()}`;
    expect((await pay({ transactionId: gone, amount: 100, visitorId: victim })).status).toBe(201);
    expect((await v1(t.app.url, t.a.key, "DELETE", `/payments?transactionId=${gone}`)).status).toBe(204);
    // Funnel progress as older versions kept it.
    await t.db.collection("funnelevents").insertOne({ websiteId: t.a.oid, funnelId: t.a.oid, visitorId: victim, sessionId, step: 1, startedAt: new Date(), timestamp: new Date() });
    const needles = [victim, sessionId, userId, hashEmail(email), email];
    // The scan sees what it looks for: before the erasure, it finds the visitor in the store and the engine.
    expect((await findTraces(t.db, needles)).length).toBeGreaterThan(5);
    expect(await engineMentions(victim)).toBeGreaterThan(3);

    const res = await v1(t.app.url, t.a.key, "DELETE", `/visitors/${victim}`);
    expect(res.status, await res.text()).toBe(204);

    expect(await findTraces(t.db, needles)).toEqual([]);
    // The live view forgets them too (its memory of recent pageviews, not only the engine's rows).
    expect((await live()).pages.map((p) => p.path)).not.toContain(secretPath);
    expect((await live()).activeVisitors).toBe(activeBefore - 1);
    await expectApiError(await getVisitor(victim), 404, "not_found");
    await expectApiError(await v1(t.app.url, t.a.key, "DELETE", `/visitors/${victim}`), 404, "not_found");
    // The money stays: amount, currency and date, credited to no one.
    const left = (await payments(t.a)).filter((p) => p.amount === 4900);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ amount: 4900, currency: "USD", matchedBy: "none" });
    for (const field of ["visitorId", "sessionId", "emailHash", "customerId", "firstTouch", "lastTouch"]) expect(left[0], field).not.toHaveProperty(field);
    const overview = await json<{ revenue: number; payments: number }>(await v1(t.app.url, t.a.key, "GET", "/stats/overview?period=today"), 200);
    expect(overview).toMatchObject({ revenue: 4900, payments: 1 });
    // Others are untouched.
    await seen(keep);
  });

  it("erases only on the key's website: another site's key gets 404 and changes nothing", async () => {
    const victim = `v${uid()}`;
    await visit(t.a, victim);
    await seen(victim);
    await expectApiError(await v1(t.app.url, t.b.key, "DELETE", `/visitors/${victim}`), 404, "not_found");
    await seen(victim);
    await expectApiError(await v1(t.app.url, t.a.key, "DELETE", `/visitors/${"x".repeat(65)}`), 404, "not_found");
  });
});

describe("DELETE /api/v1/visitors?userId=|email=", () => {
  it("by user id: every visitor identified with it (two devices), and nobody else", async () => {
    const userId = `user_${uid()}`;
    const [phone, laptop] = [`p${uid()}`, `l${uid()}`];
    await visit(t.a, phone, { userId });
    await visit(t.a, laptop, { userId, paths: ["/docs"] });
    await seen(phone);
    await seen(laptop, 1);
    expect(await findTraces(t.db, [userId])).not.toEqual([]);
    expect((await v1(t.app.url, t.a.key, "DELETE", `/visitors?userId=${userId}`)).status).toBe(204);
    expect(await findTraces(t.db, [phone, laptop, userId])).toEqual([]);
    await seen(keep);
    await expectApiError(await v1(t.app.url, t.a.key, "DELETE", `/visitors?userId=${userId}`), 404, "not_found");
  });

  it("by email: the visitors identified with it and the email on payments nobody was matched to", async () => {
    const email = `Grace${uid()}@Example.com`;
    const visitor = `g${uid()}`;
    await visit(t.a, visitor, { email: email.toLowerCase() });
    await seen(visitor);
    // Paid from another device before any identify: matched to no visitor, but the email's hash is kept for matching.
    const tx = `tx_${uid()}`;
    expect((await pay({ transactionId: tx, amount: 1500, email, customerId: `cus_${uid()}` })).status).toBe(201);
    const needles = [visitor, hashEmail(email)];
    expect(await findTraces(t.db, needles)).not.toEqual([]);
    expect((await v1(t.app.url, t.a.key, "DELETE", `/visitors?email=${encodeURIComponent(email)}`)).status).toBe(204);
    expect(await findTraces(t.db, needles)).toEqual([]);
    const paid = (await payments(t.a)).find((p) => p.transactionId === tx);
    expect(paid).toMatchObject({ amount: 1500 });
    expect(paid).not.toHaveProperty("customerId");
  });

  it.each([
    ["", "neither"],
    ["userId=a&email=a@example.com", "both"],
    ["email=not-an-email", "a bad email"],
    ["userId=x&colour=red", "an unknown parameter"],
  ])("refuses %s (%s) with 400 and erases nothing", async (query) => {
    await expectApiError(await v1(t.app.url, t.a.key, "DELETE", `/visitors?${query}`), 400, "invalid_input");
    await seen(keep);
  });

  it("404 for an identity nobody has", async () => {
    await expectApiError(await v1(t.app.url, t.a.key, "DELETE", `/visitors?email=nobody${uid()}@example.com`), 404, "not_found");
  });
});

describe("DELETE /api/websites/{id}/visitors/{visitorId} (the visitor profile)", () => {
  it("erases the visitor for the site's admin", async () => {
    const victim = `d${uid()}`;
    await visit(t.a, victim);
    await seen(victim);
    const res = await t.owner.client.request("DELETE", `/api/websites/${t.a.id}/visitors/${victim}`);
    expect(res.status, await res.text()).toBe(204);
    expect(await findTraces(t.db, [victim])).toEqual([]);
    await expectApiError(await t.owner.client.request("DELETE", `/api/websites/${t.a.id}/visitors/${victim}`), 404, "not_found");
  });
});
