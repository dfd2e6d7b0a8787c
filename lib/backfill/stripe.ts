import Stripe from "stripe";
import { chargeRefunded } from "@/lib/webhooks/stripe/charge-refunded";
import { checkoutSessionCompleted } from "@/lib/webhooks/stripe/checkout-session-completed";
import { invoicePaid } from "@/lib/webhooks/stripe/invoice-paid";
import { paymentIntentSucceeded } from "@/lib/webhooks/stripe/payment-intent-succeeded";
import { apiUrl, type BackfillRunner } from "./types";

function client(apiKey: string): Stripe {
  const url = apiUrl("stripe");
  const u = url ? new URL(url) : null;
  const endpoint = u ? { host: u.hostname, port: Number(u.port) || (u.protocol === "http:" ? 80 : 443), protocol: u.protocol === "http:" ? ("http" as const) : ("https" as const) } : {};
  return new Stripe(apiKey, { ...endpoint, maxNetworkRetries: 2, timeout: 30_000, telemetry: false, appInfo: { name: "Trailmark backfill" } });
}

/**
 * Stripe, with a restricted key (read: Checkout Sessions, Invoices, Payment
 * Intents, Charges). Each listed object goes through the webhook handler of
 * the event that would have announced it, on the SDK's API version, so a
 * payment is named, attributed and skipped exactly as its webhook would be.
 */
export const backfillStripe: BackfillRunner = async ({ apiKey, since, handle, step }) => {
  const stripe = client(apiKey);
  const created = { gte: Math.floor(since.getTime() / 1000) };
  const apiVersion = Stripe.API_VERSION;
  const lists = [
    ["checkout.session.completed", checkoutSessionCompleted, () => stripe.checkout.sessions.list({ created, status: "complete", limit: 100 })],
    ["invoice.paid", invoicePaid, () => stripe.invoices.list({ created, status: "paid", limit: 100 })],
    ["payment_intent.succeeded", paymentIntentSucceeded, () => stripe.paymentIntents.list({ created, limit: 100 })],
    ["charge.refunded", chargeRefunded, () => stripe.charges.list({ created, limit: 100 })],
  ] as const;
  for (const [i, [type, handler, list]] of lists.entries()) {
    if (await step(i / lists.length)) return "cancelled";
    let n = 0;
    for await (const item of list() as AsyncIterable<{ id: string; status?: string | null; amount_refunded?: number }>) {
      if (type === "payment_intent.succeeded" && item.status !== "succeeded") continue;
      if (type === "charge.refunded" && !item.amount_refunded) continue;
      await handle(handler, { id: `backfill:${item.id}`, type, body: item, apiVersion });
      if (++n % 100 === 0 && (await step(i / lists.length))) return "cancelled";
    }
  }
};
