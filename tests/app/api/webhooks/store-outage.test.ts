import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseUri, startApp, type TestApp } from "../../../helpers/app";
import { stripe } from "../../../helpers/provider-events";
import { tcpProxy } from "../../../helpers/tcp-proxy";
import { openDb } from "../../../helpers/track";
import { deliver, expectHandled, paymentsOf, signStripe, siteWithProviders, uid } from "../../../helpers/webhooks";

// The app reaches the store through a relay the test can cut: a real outage
// of the connection, with the real driver and the real store behind it.
let app: TestApp;
let db: mongoose.Connection;
let proxy: Awaited<ReturnType<typeof tcpProxy>>;

beforeAll(async () => {
  const direct = new URL(freshDatabaseUri("wh_outage"));
  proxy = await tcpProxy({ host: direct.hostname, port: Number(direct.port) });
  const viaProxy = new URL(direct);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  app = await startApp({ dbUri: viaProxy.toString() });
  db = await openDb(direct.toString());
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
  await proxy?.close();
});

describe("store outage during a webhook delivery", () => {
  it("answers 5xx while the store is down, writes nothing, and records the payment once when the provider retries", async () => {
    const site = await siteWithProviders(app.url, ["stripe"]);
    const pi = uid("pi_");
    const refund = signStripe(stripe.chargeRefunded({ paymentIntent: pi, amount: 4000, refunded: 1000 }));
    const payment = signStripe(stripe.checkoutCompleted({ amount: 4000, paymentIntent: pi }));

    await proxy.cut();
    const down = await deliver(app.url, "stripe", site.websiteId, payment);
    // 503 when the driver says the store is unreachable; any other store error is a 500. Both make providers retry.
    const text = await down.text();
    expect([500, 503], text).toContain(down.status);
    expect(JSON.parse(text).error.code).toMatch(/^(store_unavailable|internal_error)$/);
    expect(await paymentsOf(db, site.websiteId)).toEqual([]);
    expect(await db.collection("webhookevents").countDocuments()).toBe(0);

    await proxy.restore();
    // Providers retry with the same event (and, within Stripe's tolerance, the same signature).
    await expectHandled(await deliver(app.url, "stripe", site.websiteId, refund), "refund kept");
    await expectHandled(await deliver(app.url, "stripe", site.websiteId, payment), "recorded");
    await expectHandled(await deliver(app.url, "stripe", site.websiteId, payment));
    const stored = await paymentsOf(db, site.websiteId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ transactionId: pi, amount: 4000, refundedAmount: 1000, status: "partially_refunded" });
  });
});
