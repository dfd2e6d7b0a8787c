// GET /api/v1/visitors and /api/v1/visitors/{id}: filters, pagination, the full profile, website scoping.
import { beforeAll, describe, expect, it } from "vitest";
import { makeGoalEvent, makePayment, makeVisit } from "../../../factories";
import { expectApiError } from "../../../helpers/api";
import { json, useV1, v1 } from "../../../helpers/api-v1";
import { uid } from "../../../helpers/track";

const t = useV1("v1visitors");
type Row = { visitorId: string; visits: number; pageviews: number; country: string | null; device: string | null; channel: string | null; utmCampaign: string | null; isCustomer: boolean; firstSeen: string; lastSeen: string };
type List = { visitors: Row[]; nextCursor: string | null };
const list = async (query: string, key = t.a.key) => json<List>(await v1(t.app.url, key, "GET", `/visitors?${query}`), 200);
const ids = (l: List) => l.visitors.map((v) => v.visitorId).sort();

// A fixed March 2026 on website A (UTC); B holds a visitor A must never see.
const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 2, day, hour));
const V = { alice: `alice${uid()}`, bob: `bob${uid()}`, carol: `carol${uid()}`, dave: `dave${uid()}`, other: `other${uid()}` };

beforeAll(async () => {
  await makeVisit(t.a.oid, at(2), { visitorId: V.alice, country: "DE", device: "desktop", channel: "Organic Search", context: { utmCampaign: "spring" }, paths: ["/", "/pricing"] });
  await makeVisit(t.a.oid, at(20), { visitorId: V.alice, country: "FR", device: "mobile", paths: ["/docs"] });
  await makeVisit(t.a.oid, at(5), { visitorId: V.bob, country: "US", device: "mobile", paths: ["/blog"] });
  await makeGoalEvent(t.a.oid, at(5, 13), { visitorId: V.bob, name: "signup" });
  await makeVisit(t.a.oid, at(10), { visitorId: V.carol, country: "US", device: "tablet", context: { utmCampaign: "launch" }, paths: ["/pricing"] });
  await makePayment(t.a.oid, at(10, 14), 4900, { visitorId: V.carol });
  await makeVisit(t.a.oid, at(28, 23), { visitorId: V.dave, country: "GB", paths: ["/"] });
  await makeVisit(t.b.oid, at(6), { visitorId: V.other, country: "DE", paths: ["/pricing"] });
});

describe("GET /api/v1/visitors", () => {
  it("lists the website's visitors, most recently seen first, with counts over the range", async () => {
    const l = await list("from=2026-03-01&to=2026-03-31");
    expect(l.visitors.map((v) => v.visitorId)).toEqual([V.dave, V.alice, V.carol, V.bob]);
    expect(l.visitors.find((v) => v.visitorId === V.alice)).toMatchObject({ visits: 2, pageviews: 3, country: "FR", device: "mobile", channel: "Organic Search", utmCampaign: "spring", isCustomer: false, firstSeen: at(2).toISOString() });
    expect(l.nextCursor).toBeNull();
  });

  it.each([
    ["from=2026-03-06&to=2026-03-15", ["carol"]],
    ["from=2026-03-01&to=2026-03-31&country=de", ["alice"]],
    ["from=2026-03-01&to=2026-03-31&country=US&device=mobile", ["bob"]],
    ["from=2026-03-01&to=2026-03-31&utm_campaign=launch", ["carol"]],
    ["from=2026-03-01&to=2026-03-31&page=/pricing", ["alice", "carol"]],
    ["from=2026-03-01&to=2026-03-31&goal=signup", ["bob"]],
    ["from=2026-03-01&to=2026-03-31&isCustomer=true", ["carol"]],
    ["from=2026-03-01&to=2026-03-31&isCustomer=false", ["alice", "bob", "dave"]],
    ["to=2026-03-04", ["alice"]],
    ["from=2026-03-28T22:00:00Z&to=2026-03-29T00:00:00Z", ["dave"]],
    ["country=DE&device=mobile", []], // alice was DE on desktop and mobile in FR: never both in one visit
  ])("filters %s", async (query, names) => {
    expect(ids(await list(query))).toEqual(names.map((n) => V[n as keyof typeof V]).sort());
  });

  it("pages with limit and cursor, every visitor exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: List = await list(`limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.visitors.length).toBeLessThanOrEqual(1);
      seen.push(...page.visitors.map((v) => v.visitorId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([V.dave, V.alice, V.carol, V.bob]);
  });

  it("reads the day bounds in the website's time zone", async () => {
    // Dave's visit is 23:00 UTC on the 28th: the 29th in Paris.
    expect((await t.owner.client.patch(`/api/websites/${t.a.id}`, { timezone: "Europe/Paris" })).status).toBe(200);
    try {
      expect(ids(await list("from=2026-03-29&to=2026-03-29"))).toEqual([V.dave]);
      expect(ids(await list("from=2026-03-28&to=2026-03-28"))).toEqual([]);
    } finally {
      await t.owner.client.patch(`/api/websites/${t.a.id}`, { timezone: "UTC" });
    }
  });

  it("never lists another website's visitors", async () => {
    expect(ids(await list(""))).not.toContain(V.other);
    expect(ids(await list("", t.b.key))).toEqual([V.other]);
  });

  it.each([
    ["limit=0"], ["limit=201"], ["limit=ten"], ["from=March"], ["to=2026-13-01"], ["country=Germany"],
    ["device=phone"], ["isCustomer=yes"], ["cursor=garbage"], ["sort=desc"],
  ])("rejects %s with 400", async (query) => {
    const body = await expectApiError(await v1(t.app.url, t.a.key, "GET", `/visitors?${query}`), 400);
    expect(["invalid_input", "invalid_cursor"]).toContain(body.error.code);
  });
});

describe("GET /api/v1/visitors/{visitorId}", () => {
  it("returns identity, first touch, activity, profile and money", async () => {
    const visitorId = uid();
    await makeVisit(t.a.oid, at(3), { visitorId, country: "DE", channel: "Paid Search", paths: ["/landing", "/pricing"], context: { referrer: "https://www.google.com/", referrerDomain: "google.com", utmSource: "google", utmMedium: "cpc", utmCampaign: "brand", region: "BE", city: "Berlin", browser: "Chrome", os: "Windows" } });
    await makeVisit(t.a.oid, at(9), { visitorId, country: "DE", device: "mobile", paths: ["/pricing", "/checkout"], context: { region: "HH", city: "Hamburg", browser: "Safari", os: "iOS" } });
    await makeGoalEvent(t.a.oid, at(9, 13), { visitorId, name: "checkout" });
    await makeGoalEvent(t.a.oid, at(9, 14), { visitorId, name: "checkout" });
    await makePayment(t.a.oid, at(9, 15), 10_000, { visitorId, refundedAmount: 2_500, status: "partially_refunded" });
    await makePayment(t.a.oid, at(10, 15), 10_000, { visitorId, renewal: true });
    await makePayment(t.a.oid, at(11, 15), 5_000, { visitorId, currency: "EUR" });
    await v1(t.app.url, t.a.key, "POST", "/identify", { visitorId, userId: "cust_1", name: "Lin", metadata: { plan: "team" } });

    const { visitor } = await json<{ visitor: Record<string, any> }>(await v1(t.app.url, t.a.key, "GET", `/visitors/${visitorId}`), 200);
    expect(visitor.identity).toEqual({ country: "DE", region: "HH", city: "Hamburg", browser: "Safari", os: "iOS", device: "mobile" });
    expect(visitor.firstTouch).toEqual({ channel: "Paid Search", referrer: "https://www.google.com/", referrerDomain: "google.com", utmSource: "google", utmMedium: "cpc", utmCampaign: "brand", utmTerm: null, utmContent: null, landingPage: "/landing", at: at(3).toISOString() });
    expect(visitor.activity).toMatchObject({ visits: 2, pageviews: 4, firstSeen: at(3).toISOString(), lastSeen: new Date(at(9).getTime() + 60_000).toISOString() });
    expect(visitor.activity.pages[0]).toMatchObject({ path: "/pricing", views: 2 });
    expect(visitor.activity.pages.map((p: { path: string }) => p.path).sort()).toEqual(["/checkout", "/landing", "/pricing"]);
    expect(visitor.activity.goals).toEqual([{ name: "checkout", count: 2, firstAt: at(9, 13).toISOString(), lastAt: at(9, 14).toISOString() }]);
    expect(visitor.profile).toMatchObject({ userId: "cust_1", name: "Lin", hasEmail: false, traits: { plan: "team" } });
    expect(visitor.money).toMatchObject({ currency: "USD", paymentCount: 3, grossRevenue: 20_000, refunds: 2_500, netRevenue: 17_500, customerSince: at(9, 15).toISOString() });
    expect(visitor.money.payments.map((p: { amount: number; renewal: boolean; currency: string }) => [p.amount, p.renewal, p.currency])).toEqual([[10_000, false, "USD"], [10_000, true, "USD"], [5_000, false, "EUR"]]);
  });

  it("answers for a visitor known only from identify, with empty activity", async () => {
    const visitorId = uid();
    await json(await v1(t.app.url, t.a.key, "POST", "/identify", { visitorId, userId: "early" }), 200);
    const { visitor } = await json<{ visitor: Record<string, any> }>(await v1(t.app.url, t.a.key, "GET", `/visitors/${visitorId}`), 200);
    expect(visitor).toMatchObject({ firstTouch: null, activity: { visits: 0, pageviews: 0, firstSeen: null }, profile: { userId: "early" }, money: { paymentCount: 0, netRevenue: 0, customerSince: null } });
  });

  it("is a 404 for an unknown id, a malformed id and another website's visitor", async () => {
    await expectApiError(await v1(t.app.url, t.a.key, "GET", `/visitors/${uid()}`), 404, "not_found");
    await expectApiError(await v1(t.app.url, t.a.key, "GET", `/visitors/${encodeURIComponent("a b")}`), 404, "not_found");
    await expectApiError(await v1(t.app.url, t.a.key, "GET", `/visitors/${V.other}`), 404, "not_found");
    await json(await v1(t.app.url, t.b.key, "GET", `/visitors/${V.other}`), 200);
    await expectApiError(await v1(t.app.url, t.b.key, "GET", `/visitors/${V.alice}`), 404, "not_found");
  });
});
