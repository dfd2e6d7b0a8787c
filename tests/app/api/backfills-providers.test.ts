// Payment backfill from LemonSqueezy, Polar and Paddle, each through its SDK
// against a local server speaking that provider's list endpoints (paged, with
// complete objects): renewals and refunds imported, attributed like webhooks,
// and a payment that also arrives by signed webhook, before or after, counted once.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../../helpers/app";
import { daysAgo, runBackfill } from "../../helpers/backfills";
import { hostEnv, lsId, lsInvoice, lsOrder, startFakeLemonSqueezy } from "../../helpers/fake/lemonsqueezy";
import { paddleAdjustment, paddleId, paddleTransaction, startFakePaddle } from "../../helpers/fake/paddle";
import { polarOrder, startFakePolar } from "../../helpers/fake/polar";
import { openDb } from "../../helpers/track";
import { deliver, expectHandled, paymentsOf, signLemonSqueezy, signPaddle, signPolar, siteWithProviders, trackVisitor, uid } from "../../helpers/webhooks";

const LS_KEY = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${"a".repeat(40)}`;
const POLAR_TOKEN = `polar_oat_${"b".repeat(43)}`;
const PADDLE_KEY = `pdl_sdbx_apikey_01h${"c".repeat(24)}_${"d".repeat(22)}`;

let app: TestApp;
let db: mongoose.Connection;
let ls: Awaited<ReturnType<typeof startFakeLemonSqueezy>>;
let polar: Awaited<ReturnType<typeof startFakePolar>>;
let paddle: Awaited<ReturnType<typeof startFakePaddle>>;

beforeAll(async () => {
  [ls, polar, paddle] = await Promise.all([startFakeLemonSqueezy({ key: LS_KEY }), startFakePolar({ token: POLAR_TOKEN }), startFakePaddle({ key: PADDLE_KEY })]);
  app = await startApp({ label: "backfills-providers", env: { ...hostEnv(ls.url), TRAILMARK_POLAR_API_URL: polar.url, TRAILMARK_PADDLE_API_URL: paddle.url } });
  db = await openDb(app.dbUri);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
  await Promise.all([ls?.close(), polar?.close(), paddle?.close()]);
});

/** A site with the provider's webhook secret, a campaign visitor, and two identified ones. */
async function shop(provider: "lemonsqueezy" | "polar" | "paddle") {
  const site = await siteWithProviders(app.url, [provider]);
  const tag = uid("");
  const campaign = await trackVisitor(app.url, db, site, { utmSource: "newsletter" });
  const buyer = await trackVisitor(app.url, db, site, { email: `buyer-${tag}@shop.example` });
  const subscriber = await trackVisitor(app.url, db, site, { email: `subscriber-${tag}@shop.example` });
  const payments = async () => {
    const all = await paymentsOf(db, site.websiteId);
    return { all, one: (t: string) => { const found = all.filter((p) => p.transactionId === t); expect(found, t).toHaveLength(1); return found[0]; } };
  };
  return { site, campaign, buyer, subscriber, buyerEmail: `buyer-${tag}@shop.example`, subscriberEmail: `subscriber-${tag}@shop.example`, payments };
}

describe("LemonSqueezy backfill", () => {
  it("imports orders, renewals and refunds page by page, once with webhooks, attributed like them", async () => {
    const s = await shop("lemonsqueezy");
    const customer = lsId();
    const a = lsOrder({ total: 4900, createdAt: daysAgo(2) });
    const b = lsOrder({ total: 2500, createdAt: daysAgo(10), email: s.buyerEmail, refunded: 500 });
    const first = lsOrder({ total: 900, createdAt: daysAgo(60), email: s.subscriberEmail, customerId: customer });
    const old = lsOrder({ total: 7700, createdAt: daysAgo(400) });
    const initial = lsInvoice({ total: 900, createdAt: daysAgo(60), customerId: customer, billingReason: "initial" });
    const renewal = lsInvoice({ total: 900, createdAt: daysAgo(30), customerId: customer, billingReason: "renewal" });
    const refundedRenewal = lsInvoice({ total: 900, createdAt: daysAgo(1), customerId: customer, billingReason: "renewal", refunded: 900 });
    for (const o of [a, b, first, old]) ls.add("orders", o);
    for (const i of [initial, renewal, refundedRenewal]) ls.add("subscription-invoices", i);

    // A came by webhook first, with the visitor in its custom data (which the API does not return).
    const webhook = (event_name: string, data: object, custom_data: object | null = null) => signLemonSqueezy({ meta: { test_mode: true, event_name, custom_data }, data });
    await expectHandled(await deliver(app.url, "lemonsqueezy", s.site.websiteId, webhook("order_created", a, { trailmark_visitor_id: s.campaign.visitorId })), "recorded");

    const job = await runBackfill(s.site.owner.client, s.site.websiteId, { provider: "lemonsqueezy", apiKey: LS_KEY });
    expect(job).toMatchObject({ status: "done", source: "lemonsqueezy", refunds: 2 });

    const { all, one } = await s.payments();
    expect(all).toHaveLength(5);
    expect(one(`order:${a.id}`)).toMatchObject({ amount: 4900, matchedBy: "metadata", visitorId: s.campaign.visitorId });
    expect(one(`order:${b.id}`)).toMatchObject({ amount: 2500, refundedAmount: 500, status: "partially_refunded", matchedBy: "identity", visitorId: s.buyer.visitorId });
    expect(one(`order:${first.id}`)).toMatchObject({ renewal: false, matchedBy: "identity", visitorId: s.subscriber.visitorId });
    expect(one(`subscription-invoice:${renewal.id}`)).toMatchObject({ renewal: true, matchedBy: "customer", visitorId: s.subscriber.visitorId });
    expect(one(`subscription-invoice:${refundedRenewal.id}`)).toMatchObject({ refundedAmount: 900, status: "refunded" });
    expect(all.some((p) => p.transactionId === `order:${old.id}` || p.transactionId === `subscription-invoice:${initial.id}`)).toBe(false);

    // Paged through the SDK, with the key; the orders stopped at the page that reached 365 days back.
    const orders = ls.lists().filter((r) => r.path === "/v1/orders");
    expect(orders.map((r) => r.query.get("page[number]"))).toEqual(["1", "2"]);
    expect(ls.lists().filter((r) => r.path === "/v1/subscription-invoices").map((r) => r.query.get("page[number]"))).toEqual(["1", "2"]);

    // The renewal's webhook after the backfill, and the backfill again: nothing twice.
    await expectHandled(await deliver(app.url, "lemonsqueezy", s.site.websiteId, webhook("subscription_payment_success", renewal)));
    await runBackfill(s.site.owner.client, s.site.websiteId, { provider: "lemonsqueezy", apiKey: LS_KEY, days: 90 });
    expect((await s.payments()).all).toHaveLength(5);
    expect((await s.payments()).one(`order:${b.id}`).refundedAmount).toBe(500);
  });
});

describe("Polar backfill", () => {
  it("imports paid orders, renewals and refunds page by page, once with webhooks, attributed like them", async () => {
    const s = await shop("polar");
    const customerId = crypto.randomUUID();
    const a = polarOrder({ amount: 4900, createdAt: daysAgo(2) });
    const b = polarOrder({ amount: 2500, createdAt: daysAgo(10), email: s.buyerEmail, refunded: 500 });
    const start = polarOrder({ amount: 900, createdAt: daysAgo(60), billingReason: "subscription_create", customerId, email: s.subscriberEmail });
    const renewal = polarOrder({ amount: 900, createdAt: daysAgo(30), billingReason: "subscription_cycle", customerId, email: "billing@elsewhere.example" });
    const pending = polarOrder({ amount: 300, createdAt: daysAgo(3), paid: false });
    const old = polarOrder({ amount: 7700, createdAt: daysAgo(400) });
    for (const o of [a, b, start, renewal, pending, old]) polar.add(o);
    // Unpaid checkouts, older and newer than 365 days: Polar pages by 100, so these make three pages.
    for (let i = 0; i < 150; i++) polar.add(polarOrder({ amount: 300, createdAt: daysAgo(500 + i / 10), paid: false }));
    for (let i = 0; i < 60; i++) polar.add(polarOrder({ amount: 300, createdAt: daysAgo(4 + i / 10), paid: false }));

    const webhook = (type: string, data: object) => signPolar({ type, timestamp: new Date().toISOString(), data });
    await expectHandled(await deliver(app.url, "polar", s.site.websiteId, webhook("order.paid", { ...a, metadata: { trailmark_visitor_id: s.campaign.visitorId } })), "recorded");

    const job = await runBackfill(s.site.owner.client, s.site.websiteId, { provider: "polar", apiKey: POLAR_TOKEN });
    expect(job).toMatchObject({ status: "done", source: "polar", refunds: 1 });

    const { all, one } = await s.payments();
    expect(all).toHaveLength(4);
    expect(one(a.id)).toMatchObject({ amount: 4900, matchedBy: "metadata", visitorId: s.campaign.visitorId });
    expect(one(b.id)).toMatchObject({ refundedAmount: 500, status: "partially_refunded", matchedBy: "identity", visitorId: s.buyer.visitorId });
    expect(one(start.id)).toMatchObject({ renewal: false, matchedBy: "identity", visitorId: s.subscriber.visitorId });
    expect(one(renewal.id)).toMatchObject({ renewal: true, matchedBy: "customer", visitorId: s.subscriber.visitorId });
    expect(all.some((p) => p.transactionId === pending.id || p.transactionId === old.id)).toBe(false);

    // Oldest first (so the renewal found the subscription's first payment); page 1 is all older than 365 days:
    // the search found page 2 and the SDK paged on to 3.
    const pages = polar.lists();
    expect(pages.map((r) => r.query.get("page"))).toEqual(["1", "2", "2", "3"]);
    expect(pages.every((r) => r.query.get("sorting") === "created_at" && r.query.get("limit") === "100")).toBe(true);

    // The renewal's order.paid and b's order.refunded after the backfill: nothing twice.
    await expectHandled(await deliver(app.url, "polar", s.site.websiteId, webhook("order.paid", renewal)));
    await expectHandled(await deliver(app.url, "polar", s.site.websiteId, webhook("order.refunded", b)));
    const after = await s.payments();
    expect(after.all).toHaveLength(4);
    expect(after.one(b.id).refundedAmount).toBe(500);
  });
});

describe("Paddle backfill", () => {
  it("imports completed transactions, renewals and approved refunds page by page, once with webhooks, attributed like them", async () => {
    const s = await shop("paddle");
    const customerId = paddleId("ctm", daysAgo(60));
    const a = paddleTransaction({ total: 4900, billedAt: daysAgo(2) });
    const b = paddleTransaction({ total: 2500, billedAt: daysAgo(10), email: s.buyerEmail });
    const start = paddleTransaction({ total: 900, billedAt: daysAgo(60), customerId, email: s.subscriberEmail, origin: "subscription_charge" });
    const renewal = paddleTransaction({ total: 900, billedAt: daysAgo(30), customerId, email: "billing@elsewhere.example", origin: "subscription_recurring" });
    const old = paddleTransaction({ total: 7700, billedAt: daysAgo(400) });
    const past = paddleTransaction({ total: 300, billedAt: daysAgo(3), status: "past_due" });
    for (const t of [a, b, start, renewal, old, past]) paddle.addTransaction(t);
    const refund = paddleAdjustment({ transactionId: b.id, total: 500, createdAt: daysAgo(5) });
    paddle.addAdjustment(refund);
    paddle.addAdjustment(paddleAdjustment({ transactionId: a.id, total: 4900, createdAt: daysAgo(1), status: "pending_approval" }));
    paddle.addAdjustment(paddleAdjustment({ transactionId: start.id, total: 100, createdAt: daysAgo(4), action: "credit" }));
    paddle.addAdjustment(paddleAdjustment({ transactionId: old.id, total: 7700, createdAt: daysAgo(380) }));

    // Webhook payloads carry no included customer.
    const webhook = (event_type: string, data: object) => signPaddle({ event_id: uid("evt_01h"), event_type, occurred_at: new Date().toISOString(), notification_id: uid("ntf_01h"), data });
    const { customer: _, ...aPayload } = a;
    await expectHandled(await deliver(app.url, "paddle", s.site.websiteId, webhook("transaction.completed", { ...aPayload, custom_data: { trailmark_visitor_id: s.campaign.visitorId } })), "recorded");

    const job = await runBackfill(s.site.owner.client, s.site.websiteId, { provider: "paddle", apiKey: PADDLE_KEY });
    expect(job).toMatchObject({ status: "done", source: "paddle", refunds: 1 });

    const { all, one } = await s.payments();
    expect(all).toHaveLength(4);
    expect(one(a.id)).toMatchObject({ amount: 4900, matchedBy: "metadata", visitorId: s.campaign.visitorId, refundedAmount: 0 });
    expect(one(b.id)).toMatchObject({ refundedAmount: 500, status: "partially_refunded", matchedBy: "identity", visitorId: s.buyer.visitorId });
    expect(one(start.id)).toMatchObject({ renewal: false, matchedBy: "identity", visitorId: s.subscriber.visitorId });
    expect(one(renewal.id)).toMatchObject({ renewal: true, matchedBy: "customer", visitorId: s.subscriber.visitorId });
    expect(all.some((p) => p.transactionId === old.id || p.transactionId === past.id)).toBe(false);

    // The SDK followed the `next` links; transactions were asked from 365 days back, oldest first (so the renewal
    // found the subscription's first payment), completed only, with the customer.
    const txns = paddle.lists().filter((r) => r.path === "/transactions");
    expect(txns.length).toBe(2);
    expect(txns[1].query.get("after")).toBeTruthy();
    expect(txns[0].query.get("status")).toBe("completed");
    expect(txns[0].query.get("include")).toBe("customer");
    expect(txns[0].query.get("order_by")).toBe("billed_at[ASC]");
    expect(Math.abs(new Date(txns[0].query.get("billed_at[GTE]")!).getTime() - daysAgo(365).getTime())).toBeLessThan(600_000);

    // The refund's adjustment.updated after the backfill: the same refund, not a second one.
    await expectHandled(await deliver(app.url, "paddle", s.site.websiteId, webhook("adjustment.updated", refund)), "refunded");
    const after = await s.payments();
    expect(after.all).toHaveLength(4);
    expect(after.one(b.id).refundedAmount).toBe(500);
  });
});

describe("Rejected keys", () => {
  it("fail the job with the provider's reason, the key never shown", async () => {
    const site = await siteWithProviders(app.url, []);
    const cases = [
      ["lemonsqueezy", `${LS_KEY}x`, "Unauthenticated."],
      ["polar", `${POLAR_TOKEN}x`, "expired, revoked, malformed"],
      ["paddle", `${PADDLE_KEY}x`, "Invalid or revoked API key."],
    ] as const;
    for (const [provider, apiKey, reason] of cases) {
      const job = await runBackfill(site.owner.client, site.websiteId, { provider, apiKey });
      expect(job, provider).toMatchObject({ status: "failed", error: expect.stringContaining("rejected the API key") });
      expect(job.error).toContain(reason);
      expect(job.error).not.toContain(apiKey.slice(0, 20));
    }
  });
});
