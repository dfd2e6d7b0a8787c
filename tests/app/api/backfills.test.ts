// Payment backfill from Stripe through its SDK against a local server speaking Stripe's list endpoints
// (paged): attributed like webhooks, counted once with them, the key never shown.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { runBackfill } from "../../helpers/backfills";
import { startFakeStripeLists } from "../../helpers/fake/stripe-lists";
import { stripe } from "../../helpers/provider-events";
import { openDb } from "../../helpers/track";
import { deliver, expectHandled, paymentsOf, signStripe, siteWithProviders, trackVisitor, uid } from "../../helpers/webhooks";

const KEY = "rk_test_51Backfill" + "x".repeat(24);
let app: TestApp;
let db: mongoose.Connection;
let lists: Awaited<ReturnType<typeof startFakeStripeLists>>;
let site: Awaited<ReturnType<typeof siteWithProviders>>;

beforeAll(async () => {
  lists = await startFakeStripeLists({ key: KEY, pageSize: 2 });
  app = await startApp({ label: "backfills", env: { TRAILMARK_STRIPE_API_URL: lists.url } });
  db = await openDb(app.dbUri);
  site = await siteWithProviders(app.url, ["stripe"]);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
  await lists?.close();
});

const base = () => `/api/websites/${site.websiteId}/backfills`;
const backfill = (body: Record<string, unknown>) => runBackfill(site.owner.client, site.websiteId, body);
const daysAgo = (d: number) => Math.floor(Date.now() / 1000) - d * 86_400;

describe("Stripe backfill", () => {
  it("imports checkouts, invoices, renewals and refunds of the last 365 days, once with webhooks, attributed like them", async () => {
    const v1 = await trackVisitor(app.url, db, site, { utmSource: "newsletter" });
    const v2 = await trackVisitor(app.url, db, site, { email: "buyer@shop.example" });
    const piA = uid("pi_");
    const piB = uid("pi_");
    const customer = uid("cus_");
    const firstInvoice = uid("in_");

    // A arrived by webhook already; the backfill lists it again.
    const a = stripe.checkoutCompleted({ amount: 4900, paymentIntent: piA, metadata: { trailmark_visitor_id: v1.visitorId } });
    await expectHandled(await deliver(app.url, "stripe", site.websiteId, signStripe(a)), "recorded");
    lists.add("checkout.session", a.data.object as never);
    lists.add("checkout.session", { ...stripe.checkoutCompleted({ amount: 2500, paymentIntent: piB, email: "buyer@shop.example" }).data.object, created: daysAgo(30) } as never);
    lists.add("checkout.session", { ...stripe.checkoutCompleted({ amount: 900, mode: "subscription", invoice: firstInvoice, customer, metadata: { trailmark_visitor_id: v1.visitorId } }).data.object, created: daysAgo(60) } as never);
    const old = stripe.checkoutCompleted({ amount: 7700, paymentIntent: uid("pi_") }).data.object as { payment_intent: string };
    lists.add("checkout.session", { ...old, created: daysAgo(400) } as never);
    lists.add("checkout.session", { ...stripe.checkoutCompleted({ amount: 100 }).data.object, status: "open", payment_status: "unpaid", created: daysAgo(1) } as never);
    lists.add("invoice", { ...stripe.invoicePaid({ id: firstInvoice, amount: 900, customer, billingReason: "subscription_create" }).data.object, created: daysAgo(60) } as never);
    const renewal = stripe.invoicePaid({ amount: 900, customer, billingReason: "subscription_cycle" }).data.object as { id: string };
    lists.add("invoice", { ...renewal, created: daysAgo(30) } as never);
    lists.add("payment_intent", stripe.paymentIntentSucceeded({ id: piA, amount: 4900 }).data.object as never);
    lists.add("charge", { ...stripe.chargeRefunded({ paymentIntent: piB, amount: 2500, refunded: 500 }).data.object, created: daysAgo(29) } as never);

    const job = await backfill({ provider: "stripe", apiKey: KEY });
    expect(job).toMatchObject({ status: "done", source: "stripe", refunds: 1 });

    const payments = await paymentsOf(db, site.websiteId);
    const by = (t: string) => payments.filter((p) => p.transactionId === t);
    expect(payments).toHaveLength(4);
    expect(by(piA)).toHaveLength(1);
    expect(by(piA)[0]).toMatchObject({ amount: 4900, matchedBy: "metadata", visitorId: v1.visitorId });
    expect(by(piB)[0]).toMatchObject({ amount: 2500, refundedAmount: 500, matchedBy: "identity", visitorId: v2.visitorId });
    expect(by(firstInvoice)[0]).toMatchObject({ amount: 900, renewal: false, matchedBy: "metadata", visitorId: v1.visitorId });
    expect(by(renewal.id)[0]).toMatchObject({ renewal: true, matchedBy: "customer", visitorId: v1.visitorId });
    expect(by(old.payment_intent)).toHaveLength(0);

    // Paged with the SDK's cursor, only from 365 days back.
    const sessions = lists.lists().filter((r) => r.path === "/v1/checkout/sessions");
    expect(sessions).toHaveLength(2);
    expect(sessions[1].query.get("starting_after")).toBeTruthy();
    expect(Math.abs(Number(sessions[0].query.get("created[gte]")) - daysAgo(365))).toBeLessThan(600);

    // Again: nothing new, nothing twice; a webhook redelivered after the backfill changes nothing either.
    await backfill({ provider: "stripe", apiKey: KEY, days: 90 });
    await expectHandled(await deliver(app.url, "stripe", site.websiteId, signStripe(a)));
    expect(await paymentsOf(db, site.websiteId)).toHaveLength(4);

    // The key is never returned and not kept once the job is over.
    const listed = await (await site.owner.client.get(base())).text();
    expect(listed).not.toContain(KEY.slice(0, 20));
    const stored = await db.collection("imports").find({ websiteId: new mongoose.Types.ObjectId(site.websiteId) }).toArray();
    expect(JSON.stringify(stored)).not.toContain(KEY.slice(0, 20));
    expect(stored.every((d) => d.apiKeyEnc === undefined)).toBe(true);
  });

  it("a rejected key fails the job with the reason; bad input and unknown providers are refused", async () => {
    const job = await backfill({ provider: "stripe", apiKey: "rk_test_wrong_key_000000" });
    expect(job).toMatchObject({ status: "failed", error: expect.stringContaining("rejected the API key") });
    await expectApiError(await site.owner.client.post(base(), { provider: "stripe" }), 400, "invalid_input");
    await expectApiError(await site.owner.client.post(base(), { provider: "stripe", apiKey: KEY, days: 0 }), 400, "invalid_input");
    await expectApiError(await site.owner.client.post(base(), { provider: "gumroad", apiKey: KEY }), 400, "invalid_input");
  });
});
