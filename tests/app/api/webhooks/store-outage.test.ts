import { describe, expect, it } from "vitest";
import { useAppBehindProxy } from "../../../helpers/outage";
import { stripe } from "../../../helpers/provider-events";
import { deliver, expectHandled, paymentsOf, signStripe, siteWithProviders, uid } from "../../../helpers/webhooks";

const t = useAppBehindProxy("wh_outage");

describe("store outage during a webhook delivery", () => {
  it("answers 5xx while the store is down, writes nothing, and records the payment once when the provider retries", async () => {
    const site = await siteWithProviders(t.app.url, ["stripe"]);
    const pi = uid("pi_");
    const refund = signStripe(stripe.chargeRefunded({ paymentIntent: pi, amount: 4000, refunded: 1000 }));
    const payment = signStripe(stripe.checkoutCompleted({ amount: 4000, paymentIntent: pi }));

    await t.proxy.cut();
    const down = await deliver(t.app.url, "stripe", site.websiteId, payment);
    // 503 when the driver says the store is unreachable; any other store error is a 500. Both make providers retry.
    const text = await down.text();
    expect([500, 503], text).toContain(down.status);
    expect(JSON.parse(text).error.code).toMatch(/^(store_unavailable|internal_error)$/);
    expect(await paymentsOf(t.db, site.websiteId)).toEqual([]);
    expect(await t.db.collection("webhookevents").countDocuments()).toBe(0);

    await t.proxy.restore();
    // Providers retry with the same event (and, within Stripe's tolerance, the same signature).
    await expectHandled(await deliver(t.app.url, "stripe", site.websiteId, refund), "refund kept");
    await expectHandled(await deliver(t.app.url, "stripe", site.websiteId, payment), "recorded");
    await expectHandled(await deliver(t.app.url, "stripe", site.websiteId, payment));
    const stored = await paymentsOf(t.db, site.websiteId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ transactionId: pi, amount: 4000, refundedAmount: 1000, status: "partially_refunded" });
  });
});
