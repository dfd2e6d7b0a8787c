import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../../../helpers/api";
import { startApp, type TestApp } from "../../../helpers/app";
import { stripe } from "../../../helpers/provider-events";
import { openDb } from "../../../helpers/track";
import { deliver, expectHandled, markersOf, paymentsOf, signStripe, siteWithProviders, trackVisitor, uid } from "../../../helpers/webhooks";

let app: TestApp;
let db: mongoose.Connection;
let site: Awaited<ReturnType<typeof siteWithProviders>>;

beforeAll(async () => {
  app = await startApp({ label: "wh_stripe" });
  db = await openDb(app.dbUri);
  site = await siteWithProviders(app.url);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const send = (event: object, opts?: Parameters<typeof signStripe>[1]) => deliver(app.url, "stripe", site.websiteId, signStripe(event, opts));
const paymentFor = async (transactionId: string) => (await paymentsOf(db, site.websiteId)).filter((p) => p.transactionId === transactionId);

describe("Stripe webhooks: attribution", () => {
  it("attributes a checkout by trailmark_visitor_id metadata, with the campaign as first and last touch", async () => {
    const v = await trackVisitor(app.url, db, site, { utmSource: "newsletter" });
    const pi = uid("pi_");
    await expectHandled(await send(stripe.checkoutCompleted({ amount: 4900, paymentIntent: pi, metadata: { trailmark_visitor_id: v.visitorId, trailmark_session_id: v.sessionId } })), "recorded");
    const [p] = await paymentFor(pi);
    expect(p).toMatchObject({ provider: "stripe", amount: 4900, currency: "USD", matchedBy: "metadata", visitorId: v.visitorId, sessionId: v.sessionId, renewal: false, status: "paid", customerName: "Jenny Rosen" });
    expect(p.firstTouch).toMatchObject({ utmSource: "newsletter", utmCampaign: "launch", entryPage: "/pricing", channel: "Email" });
    expect(p.lastTouch).toMatchObject({ utmSource: "newsletter" });
    const markers = (await markersOf(db, site.websiteId)).filter((m) => m.visitorId === v.visitorId);
    expect(markers.map((m) => [m.name, m.value, m.utmSource])).toEqual([["payment", 4900, "newsletter"]]);
  });

  it("takes client_reference_id as the visitor id too", async () => {
    const v = await trackVisitor(app.url, db, site);
    const pi = uid("pi_");
    await expectHandled(await send(stripe.checkoutCompleted({ amount: 1000, paymentIntent: pi, clientReferenceId: v.visitorId })));
    expect((await paymentFor(pi))[0]).toMatchObject({ matchedBy: "metadata", visitorId: v.visitorId });
  });

  it("matches by the email a visitor identified with when there is no metadata", async () => {
    const v = await trackVisitor(app.url, db, site, { email: "Jenny.Rosen@Example.com", utmSource: "podcast" });
    const pi = uid("pi_");
    await expectHandled(await send(stripe.checkoutCompleted({ amount: 2500, paymentIntent: pi, email: "jenny.rosen@example.com" })));
    const [p] = await paymentFor(pi);
    expect(p).toMatchObject({ matchedBy: "identity", visitorId: v.visitorId, lastTouch: { utmSource: "podcast" } });
    expect(JSON.stringify(p)).not.toContain("jenny");
  });

  it("counts a subscription's checkout and first invoice once, and renewals follow the first payment's visitor", async () => {
    const v = await trackVisitor(app.url, db, site, { utmSource: "launch-week" });
    const customer = uid("cus_");
    const invoice = uid("in_");
    await expectHandled(await send(stripe.checkoutCompleted({ amount: 900, mode: "subscription", invoice, customer, metadata: { trailmark_visitor_id: v.visitorId } })));
    await expectHandled(await send(stripe.invoicePaid({ id: invoice, amount: 900, customer, billingReason: "subscription_create" })));
    const renewal = uid("in_");
    await expectHandled(await send(stripe.invoicePaid({ id: renewal, amount: 900, customer, billingReason: "subscription_cycle" })));
    const mine = (await paymentsOf(db, site.websiteId)).filter((p) => p.customerId === customer);
    expect(mine.map((p) => [p.transactionId, p.renewal, p.matchedBy, p.visitorId])).toEqual([
      [invoice, false, "metadata", v.visitorId],
      [renewal, true, "customer", v.visitorId],
    ]);
    expect(mine[1].firstTouch).toMatchObject({ utmSource: "launch-week" });
    expect((await markersOf(db, site.websiteId)).filter((m) => m.visitorId === v.visitorId).map((m) => m.name).sort()).toEqual(["payment", "renewal"]);
  });

  it("counts a checkout's payment_intent.succeeded as the same payment, and leaves invoice payment intents to invoice.paid", async () => {
    const v = await trackVisitor(app.url, db, site);
    const pi = uid("pi_");
    // On an API version before basil, the payment intent arrives first, without the checkout's metadata.
    await expectHandled(await send({ ...stripe.paymentIntentSucceeded({ id: pi, amount: 3000 }), api_version: "2024-06-20" }), "recorded");
    await expectHandled(await send(stripe.checkoutCompleted({ amount: 3000, paymentIntent: pi, metadata: { trailmark_visitor_id: v.visitorId } })));
    expect(await paymentFor(pi)).toEqual([expect.objectContaining({ amount: 3000, matchedBy: "metadata", visitorId: v.visitorId })]);
    const invoicePi = uid("pi_");
    await expectHandled(await send(stripe.paymentIntentSucceeded({ id: invoicePi, amount: 900, invoice: uid("in_") })), "ignored");
    expect(await paymentFor(invoicePi)).toEqual([]);
  });

  it("on basil and later counts only tagged payment intents: an untagged one may be a subscription's, counted by invoice.paid", async () => {
    const v = await trackVisitor(app.url, db, site);
    const customer = uid("cus_");
    const invoice = uid("in_");
    await expectHandled(await send(stripe.invoicePaid({ id: invoice, amount: 1900, customer, billingReason: "subscription_create", subscriptionMetadata: { trailmark_visitor_id: v.visitorId } })));
    // The invoice's own payment intent, which this API version no longer links to it.
    const untagged = uid("pi_");
    await expectHandled(await send(stripe.paymentIntentSucceeded({ id: untagged, amount: 1900 })), "ignored");
    expect(await paymentFor(untagged)).toEqual([]);
    expect((await paymentsOf(db, site.websiteId)).filter((p) => p.customerId === customer)).toHaveLength(1);
    // A direct charge the integration tagged is counted.
    const tagged = uid("pi_");
    await expectHandled(await send(stripe.paymentIntentSucceeded({ id: tagged, amount: 4200, metadata: { trailmark_visitor_id: v.visitorId } })), "recorded");
    expect(await paymentFor(tagged)).toEqual([expect.objectContaining({ amount: 4200, matchedBy: "metadata", visitorId: v.visitorId })]);
  });

  it("never attaches a payment to a visitor id this website has not seen", async () => {
    const other = await siteWithProviders(app.url, ["stripe"]);
    const theirs = await trackVisitor(app.url, db, other);
    const pi = uid("pi_");
    await expectHandled(await send(stripe.checkoutCompleted({ amount: 700, paymentIntent: pi, metadata: { trailmark_visitor_id: theirs.visitorId } })));
    const [p] = await paymentFor(pi);
    expect(p).toMatchObject({ matchedBy: "none", amount: 700 });
    expect(p.visitorId).toBeUndefined();
    expect(await db.collection("goalevents").countDocuments({ visitorId: theirs.visitorId })).toBe(0);
  });
});

describe("Stripe webhooks: refunds", () => {
  it("applies a partial then a full refund to net revenue", async () => {
    const v = await trackVisitor(app.url, db, site);
    const pi = uid("pi_");
    await expectHandled(await send(stripe.checkoutCompleted({ amount: 5000, paymentIntent: pi, metadata: { trailmark_visitor_id: v.visitorId } })));
    await expectHandled(await send(stripe.chargeRefunded({ paymentIntent: pi, amount: 5000, refunded: 1500 })), "refunded");
    expect((await paymentFor(pi))[0]).toMatchObject({ refundedAmount: 1500, status: "partially_refunded" });
    await expectHandled(await send(stripe.chargeRefunded({ paymentIntent: pi, amount: 5000, refunded: 5000 })), "refunded");
    expect((await paymentFor(pi))[0]).toMatchObject({ amount: 5000, refundedAmount: 5000, status: "refunded" });
    const refund = (await markersOf(db, site.websiteId)).filter((m) => m.visitorId === v.visitorId && m.name === "refund");
    expect(refund.map((m) => m.value)).toEqual([5000]);
  });

  it("keeps a refund that arrives before its payment and applies it when the payment arrives", async () => {
    const pi = uid("pi_");
    await expectHandled(await send(stripe.chargeRefunded({ paymentIntent: pi, amount: 2000, refunded: 500 })), "refund kept");
    expect(await paymentFor(pi)).toEqual([]);
    await expectHandled(await send(stripe.checkoutCompleted({ amount: 2000, paymentIntent: pi })));
    expect((await paymentFor(pi))[0]).toMatchObject({ amount: 2000, refundedAmount: 500, status: "partially_refunded" });
  });
});

describe("Stripe webhooks: idempotency", () => {
  it("makes one payment from the same delivery twice, and from eight concurrent deliveries", async () => {
    const pi = uid("pi_");
    const delivery = signStripe(stripe.checkoutCompleted({ amount: 1200, paymentIntent: pi }));
    await expectHandled(await deliver(app.url, "stripe", site.websiteId, delivery), "recorded");
    expect(await expectHandled(await deliver(app.url, "stripe", site.websiteId, delivery))).toMatchObject({ duplicate: true });
    expect(await paymentFor(pi)).toHaveLength(1);

    const racing = uid("pi_");
    const same = signStripe(stripe.checkoutCompleted({ amount: 800, paymentIntent: racing }));
    const responses = await Promise.all(Array.from({ length: 8 }, () => deliver(app.url, "stripe", site.websiteId, same)));
    for (const res of responses) await expectHandled(res);
    expect(await paymentFor(racing)).toHaveLength(1);
    const eventId = JSON.parse(same.body).id;
    expect(await db.collection("webhookevents").countDocuments({ _id: `${site.websiteId}:stripe:${eventId}` } as object)).toBe(1);
  });
});

describe("Stripe webhooks: verification", () => {
  const fresh = () => stripe.checkoutCompleted({ amount: 100, paymentIntent: uid("pi_") });
  const nothingWritten = async (event: { data: { object: object } }) =>
    expect(await paymentFor((event.data.object as { payment_intent: string }).payment_intent)).toEqual([]);

  it("refuses a tampered body", async () => {
    const event = fresh();
    const d = signStripe(event);
    const res = await deliver(app.url, "stripe", site.websiteId, { ...d, body: d.body.replace('"amount_total": 100', '"amount_total": 100000') });
    await expectApiError(res, 401, "invalid_signature");
    await nothingWritten(event);
  });

  it("refuses a signature made with another secret, a stale timestamp, and a missing header", async () => {
    const event = fresh();
    await expectApiError(await send(event, { secret: "whsec_not_the_one_we_saved" }), 401, "invalid_signature");
    await expectApiError(await send(event, { timestamp: Math.floor(Date.now() / 1000) - 301 }), 401, "invalid_signature");
    await expectApiError(await deliver(app.url, "stripe", site.websiteId, { body: JSON.stringify(event), headers: {} }), 400, "missing_signature");
    await nothingWritten(event);
  });

  it.each([
    ["six minutes", 360],
    ["an hour", 3600],
    ["a year", 365 * 86_400],
  ])("refuses a signature dated %s in the future, and accepts one a minute ahead (clock skew)", async (_label, ahead) => {
    const event = fresh();
    const res = await send(event, { timestamp: Math.floor(Date.now() / 1000) + ahead });
    const body = await expectApiError(res, 401, "invalid_signature");
    expect(body.error.message).toMatch(/future/);
    await nothingWritten(event);
    await expectHandled(await send(event, { timestamp: Math.floor(Date.now() / 1000) + 60 }), "recorded");
  });

  it("answers 400 invalid_payload for a correctly signed body that is not JSON, and writes nothing", async () => {
    const before = await db.collection("webhookevents").countDocuments();
    await expectApiError(await deliver(app.url, "stripe", site.websiteId, signStripe('{"id": "evt_1", "type": "checkout.session.completed", "data": {')), 400, "invalid_payload");
    await expectApiError(await deliver(app.url, "stripe", site.websiteId, signStripe('"just a string"')), 400, "invalid_payload");
    expect(await db.collection("webhookevents").countDocuments()).toBe(before);
  });

  it("accepts a header with several v1 signatures when one matches (secret rotation)", async () => {
    const event = fresh();
    const d = signStripe(event);
    const [t, v1] = d.headers["stripe-signature"].split(",");
    const rotated = `${t},v1=${"0".repeat(64)},${v1}`;
    await expectHandled(await deliver(app.url, "stripe", site.websiteId, { body: d.body, headers: { "stripe-signature": rotated } }), "recorded");
  });

  it("acknowledges an event type it does not handle, and writes no payment", async () => {
    const before = (await paymentsOf(db, site.websiteId)).length;
    await expectHandled(await send({ id: uid("evt_"), object: "event", type: "customer.created", created: 1, data: { object: { id: uid("cus_"), object: "customer" } } }), "ignored");
    expect(await paymentsOf(db, site.websiteId)).toHaveLength(before);
  });

  it("answers 404 for an unknown website and for a website without a Stripe secret", async () => {
    await expectApiError(await deliver(app.url, "stripe", new mongoose.Types.ObjectId().toString(), signStripe(fresh())), 404, "unknown_website");
    await expectApiError(await deliver(app.url, "stripe", "not-an-id", signStripe(fresh())), 404, "unknown_website");
    const bare = await siteWithProviders(app.url, []);
    await expectApiError(await deliver(app.url, "stripe", bare.websiteId, signStripe(fresh())), 404, "provider_not_configured");
  });

  it("shows when the last verified delivery arrived", async () => {
    const sent = Date.now();
    await expectHandled(await deliver(app.url, "stripe", site.websiteId, signStripe(fresh())));
    const answered = Date.now();
    const res = await site.owner.client.get(`/api/websites/${site.websiteId}`);
    const { website } = (await res.json()) as { website: { paymentProviders: Record<string, { configured: boolean; lastReceivedAt: string | null }> } };
    expect(website.paymentProviders.stripe.configured).toBe(true);
    expect(Date.parse(website.paymentProviders.stripe.lastReceivedAt!)).toBeGreaterThanOrEqual(sent);
    expect(Date.parse(website.paymentProviders.stripe.lastReceivedAt!)).toBeLessThanOrEqual(answered);
    expect(website.paymentProviders.paddle.lastReceivedAt).toBeNull();
  });
});
