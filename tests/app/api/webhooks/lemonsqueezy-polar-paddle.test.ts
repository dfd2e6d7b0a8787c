import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../../../helpers/api";
import { startApp, type TestApp } from "../../../helpers/app";
import { lemonsqueezy, paddle, polar } from "../../../helpers/provider-events";
import { openDb } from "../../../helpers/track";
import { deliver, expectHandled, paymentsOf, signLemonSqueezy, signPaddle, signPolar, siteWithProviders, trackVisitor, uid, type Provider } from "../../../helpers/webhooks";

let app: TestApp;
let db: mongoose.Connection;
let site: Awaited<ReturnType<typeof siteWithProviders>>;

beforeAll(async () => {
  app = await startApp({ label: "wh_others" });
  db = await openDb(app.dbUri);
  site = await siteWithProviders(app.url);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const post = (provider: Provider, d: { body: string; headers: Record<string, string> }) => deliver(app.url, provider, site.websiteId, d);
const payment = async (provider: Provider, transactionId: string) =>
  (await paymentsOf(db, site.websiteId)).filter((p) => p.provider === provider && p.transactionId === transactionId);
let orderSeq = Math.floor(Math.random() * 1e6);

describe("LemonSqueezy", () => {
  it("attributes an order by meta.custom_data, and a renewal follows it; the initial invoice is not counted twice", async () => {
    const v = await trackVisitor(app.url, db, site, { utmSource: "producthunt" });
    const id = ++orderSeq;
    const customerId = ++orderSeq;
    await expectHandled(await post("lemonsqueezy", signLemonSqueezy(lemonsqueezy.orderCreated({ id, total: 1999, customerId, customData: { trailmark_visitor_id: v.visitorId } }))), "recorded");
    expect((await payment("lemonsqueezy", `order:${id}`))[0]).toMatchObject({ amount: 1999, currency: "USD", matchedBy: "metadata", visitorId: v.visitorId, firstTouch: { utmSource: "producthunt" } });

    const initial = ++orderSeq;
    await expectHandled(await post("lemonsqueezy", signLemonSqueezy(lemonsqueezy.subscriptionPaymentSuccess({ id: initial, total: 1999, customerId, billingReason: "initial" }))), "ignored");
    expect(await payment("lemonsqueezy", `subscription-invoice:${initial}`)).toEqual([]);
    const renewal = ++orderSeq;
    await expectHandled(await post("lemonsqueezy", signLemonSqueezy(lemonsqueezy.subscriptionPaymentSuccess({ id: renewal, total: 1999, customerId, billingReason: "renewal" }))), "recorded");
    expect((await payment("lemonsqueezy", `subscription-invoice:${renewal}`))[0]).toMatchObject({ renewal: true, matchedBy: "customer", visitorId: v.visitorId });

    // subscription_payment_refunded: the renewal's refund on its invoice; the initial invoice's is the order's (order_refunded).
    const refunded = (id: number, billingReason: "initial" | "renewal") => {
      const e = lemonsqueezy.subscriptionPaymentSuccess({ id, total: 1999, customerId, billingReason });
      return { meta: { ...e.meta, event_name: "subscription_payment_refunded" }, data: { ...e.data, attributes: { ...e.data.attributes, status: "refunded", refunded: true, refunded_amount: 1999, refunded_at: new Date().toISOString() } } };
    };
    await expectHandled(await post("lemonsqueezy", signLemonSqueezy(refunded(renewal, "renewal"))), "refunded");
    expect((await payment("lemonsqueezy", `subscription-invoice:${renewal}`))[0]).toMatchObject({ refundedAmount: 1999, status: "refunded" });
    await expectHandled(await post("lemonsqueezy", signLemonSqueezy(refunded(initial, "initial"))), "ignored");
    expect((await payment("lemonsqueezy", `order:${id}`))[0]).toMatchObject({ refundedAmount: 0, status: "paid" });
  });

  it("applies order_refunded's running total: partial, then full; a redelivery changes nothing", async () => {
    const id = ++orderSeq;
    await expectHandled(await post("lemonsqueezy", signLemonSqueezy(lemonsqueezy.orderCreated({ id, total: 3000 }))));
    const partial = signLemonSqueezy(lemonsqueezy.orderRefunded({ id, total: 3000, refundedAmount: 1000 }));
    await expectHandled(await post("lemonsqueezy", partial), "refunded");
    expect(await expectHandled(await post("lemonsqueezy", partial))).toMatchObject({ duplicate: true });
    expect((await payment("lemonsqueezy", `order:${id}`))[0]).toMatchObject({ refundedAmount: 1000, status: "partially_refunded" });
    await expectHandled(await post("lemonsqueezy", signLemonSqueezy(lemonsqueezy.orderRefunded({ id, total: 3000, refundedAmount: 3000 }))), "refunded");
    expect((await payment("lemonsqueezy", `order:${id}`))[0]).toMatchObject({ refundedAmount: 3000, status: "refunded" });
  });

  it("refuses a tampered body, another secret and a missing X-Signature", async () => {
    const id = ++orderSeq;
    const d = signLemonSqueezy(lemonsqueezy.orderCreated({ id, total: 500 }));
    await expectApiError(await post("lemonsqueezy", { ...d, body: d.body.replace('"total":500', '"total":50000') }), 401, "invalid_signature");
    await expectApiError(await post("lemonsqueezy", signLemonSqueezy(lemonsqueezy.orderCreated({ id, total: 500 }), { secret: "another-signing-secret" })), 401, "invalid_signature");
    await expectApiError(await post("lemonsqueezy", { body: d.body, headers: {} }), 400, "missing_signature");
    expect(await payment("lemonsqueezy", `order:${id}`)).toEqual([]);
  });
});

describe("Polar", () => {
  it("attributes order.paid to the visitor identified with the customer's external id (userId)", async () => {
    const v = await trackVisitor(app.url, db, site, { userId: "user_8812", utmSource: "x" });
    const order = polar.order("order.paid", { amount: 2900, externalId: "user_8812" });
    await expectHandled(await post("polar", signPolar(order)), "recorded");
    expect((await payment("polar", order.data.id))[0]).toMatchObject({ amount: 2900, currency: "USD", matchedBy: "identity", visitorId: v.visitorId });
  });

  it("applies order.refunded partially, and keeps one that arrives before its order", async () => {
    const order = polar.order("order.paid", { amount: 4000 });
    await expectHandled(await post("polar", signPolar(order)));
    await expectHandled(await post("polar", signPolar(polar.order("order.refunded", { id: order.data.id, amount: 4000, refunded: 1000 }))), "refunded");
    expect((await payment("polar", order.data.id))[0]).toMatchObject({ refundedAmount: 1000, status: "partially_refunded" });

    const early = crypto.randomUUID();
    await expectHandled(await post("polar", signPolar(polar.order("order.refunded", { id: early, amount: 1500, refunded: 1500 }))), "refund kept");
    await expectHandled(await post("polar", signPolar(polar.order("order.paid", { id: early, amount: 1500 }))));
    expect((await payment("polar", early))[0]).toMatchObject({ refundedAmount: 1500, status: "refunded" });
  });

  it("makes one payment from concurrent deliveries of one webhook-id", async () => {
    const order = polar.order("order.paid", { amount: 1000 });
    const d = signPolar(order);
    for (const res of await Promise.all(Array.from({ length: 6 }, () => post("polar", d)))) await expectHandled(res);
    expect(await payment("polar", order.data.id)).toHaveLength(1);
  });

  it("refuses tampering, another secret and a stale timestamp; acknowledges unknown types", async () => {
    const order = polar.order("order.paid", { amount: 100 });
    const d = signPolar(order);
    await expectApiError(await post("polar", { ...d, body: d.body.replace('"total_amount":100', '"total_amount":1') }), 401, "invalid_signature");
    await expectApiError(await post("polar", signPolar(order, { secret: "polar_whs_someone_elses" })), 401, "invalid_signature");
    await expectApiError(await post("polar", signPolar(order, { timestamp: Math.floor(Date.now() / 1000) - 600 })), 401, "invalid_signature");
    await expectApiError(await post("polar", { body: d.body, headers: {} }), 400, "missing_signature");
    expect(await payment("polar", order.data.id)).toEqual([]);
    await expectHandled(await post("polar", signPolar({ type: "checkout.created", timestamp: new Date().toISOString(), data: { id: "c" } })), "ignored");
    await expectHandled(await post("polar", signPolar({ type: "something.new", timestamp: new Date().toISOString(), data: {} })), "ignored");
  });
});

describe("Paddle", () => {
  it("attributes transaction.completed by custom_data; a subscription_recurring one follows the customer", async () => {
    const v = await trackVisitor(app.url, db, site, { referrer: "https://news.ycombinator.com/item?id=1" });
    const customerId = uid("ctm_01h");
    const first = paddle.transactionCompleted({ total: 5900, customerId, customData: { trailmark_visitor_id: v.visitorId } });
    await expectHandled(await post("paddle", signPaddle(first)), "recorded");
    expect((await payment("paddle", first.data.id))[0]).toMatchObject({ amount: 5900, matchedBy: "metadata", visitorId: v.visitorId, firstTouch: { referrerDomain: "news.ycombinator.com" } });
    const renewal = paddle.transactionCompleted({ total: 5900, customerId, origin: "subscription_recurring" });
    await expectHandled(await post("paddle", signPaddle(renewal)));
    expect((await payment("paddle", renewal.data.id))[0]).toMatchObject({ renewal: true, matchedBy: "customer", visitorId: v.visitorId });
  });

  it("counts a refund adjustment once it is approved, and several partial ones add up", async () => {
    const txn = paddle.transactionCompleted({ total: 10000 });
    await expectHandled(await post("paddle", signPaddle(txn)));
    const adj = { id: uid("adj_01h"), transactionId: txn.data.id, total: 2500 };
    await expectHandled(await post("paddle", signPaddle(paddle.adjustment("adjustment.created", { ...adj, status: "pending_approval" }))), "ignored");
    expect((await payment("paddle", txn.data.id))[0]).toMatchObject({ refundedAmount: 0, status: "paid" });
    await expectHandled(await post("paddle", signPaddle(paddle.adjustment("adjustment.updated", { ...adj, status: "approved" }))), "refunded");
    await expectHandled(await post("paddle", signPaddle(paddle.adjustment("adjustment.updated", { ...adj, status: "approved" }))), "refunded");
    await expectHandled(await post("paddle", signPaddle(paddle.adjustment("adjustment.created", { id: uid("adj_01h"), transactionId: txn.data.id, total: 1000, status: "approved" }))));
    expect((await payment("paddle", txn.data.id))[0]).toMatchObject({ refundedAmount: 3500, status: "partially_refunded" });
  });

  it("refuses tampering, another secret and a stale ts", async () => {
    const txn = paddle.transactionCompleted({ total: 100 });
    const d = signPaddle(txn);
    await expectApiError(await post("paddle", { ...d, body: d.body.replace('"grand_total":"100"', '"grand_total":"1"') }), 401, "invalid_signature");
    await expectApiError(await post("paddle", signPaddle(txn, { secret: "pdl_ntfset_other" })), 401, "invalid_signature");
    await expectApiError(await post("paddle", signPaddle(txn, { timestamp: Math.floor(Date.now() / 1000) - 60 })), 401, "invalid_signature");
    await expectApiError(await post("paddle", { body: d.body, headers: { "paddle-signature": "garbage" } }), 401, "invalid_signature");
    expect(await payment("paddle", txn.data.id)).toEqual([]);
    await expectHandled(await post("paddle", signPaddle({ event_id: uid("evt_"), event_type: "customer.created", occurred_at: new Date().toISOString(), data: {} })), "ignored");
  });
});

describe("a correctly signed body that is not JSON", () => {
  // The signature proves the provider sent it; what it sent cannot be read: 400, not 401.
  it.each([
    ["lemonsqueezy", signLemonSqueezy],
    ["polar", signPolar],
    ["paddle", signPaddle],
  ] as const)("%s: answers 400 invalid_payload and records nothing", async (provider, sign) => {
    const before = await db.collection("webhookevents").countDocuments();
    await expectApiError(await post(provider, sign('{"type": "order.paid", "data": {')), 400, "invalid_payload");
    expect(await db.collection("webhookevents").countDocuments()).toBe(before);
  });
});
