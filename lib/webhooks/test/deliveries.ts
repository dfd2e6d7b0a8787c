import { createHmac, randomUUID } from "node:crypto";
import Stripe from "stripe";
import type { PaymentProviderId } from "@/lib/schemas/website";
import { TEST_MARKER } from "../subscribed-events";

export type Delivery = { body: string; headers: Record<string, string> };

// What the test checkout carries: the marker, and the visitor id a real checkout passes.
const metadata = { [TEST_MARKER]: "true", trailmark_visitor_id: "trailmark-test-visitor" };
const AMOUNT = 1900;

/** Stripe: a completed Checkout session, signed by the SDK's own helper (the header Stripe sends). */
function stripe(secret: string, now: Date): Delivery {
  const created = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify({
    id: `evt_test_${randomUUID().replace(/-/g, "")}`, object: "event", api_version: "2025-03-31.basil", created, livemode: false, type: "checkout.session.completed",
    data: { object: { id: `cs_test_${randomUUID().replace(/-/g, "")}`, object: "checkout.session", mode: "payment", status: "complete", payment_status: "paid", amount_total: AMOUNT, currency: "usd", metadata, client_reference_id: metadata.trailmark_visitor_id, created, livemode: false } },
  });
  return { body, headers: { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: created }) } };
}

/** LemonSqueezy: order_created, X-Signature = hex HMAC-SHA256 of the body. */
function lemonsqueezy(secret: string, now: Date): Delivery {
  const body = JSON.stringify({
    meta: { test_mode: true, event_name: "order_created", custom_data: metadata },
    data: { type: "orders", id: String(now.getTime()), attributes: { status: "paid", currency: "USD", total: AMOUNT, user_email: "test@example.com", created_at: now.toISOString() } },
  });
  return { body, headers: { "x-signature": createHmac("sha256", secret).update(body).digest("hex"), "x-event-name": "order_created" } };
}

/** Polar: order.paid under Standard Webhooks (v1 = base64 HMAC-SHA256 of "id.timestamp.body", keyed with the secret's bytes as Polar does). */
function polar(secret: string, now: Date): Delivery {
  const id = `msg_test_${randomUUID()}`;
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const body = JSON.stringify({
    type: "order.paid", timestamp: now.toISOString(),
    data: { id: randomUUID(), status: "paid", paid: true, total_amount: AMOUNT, net_amount: AMOUNT, currency: "usd", billing_reason: "purchase", metadata, created_at: now.toISOString() },
  });
  const signature = createHmac("sha256", Buffer.from(secret, "utf8")).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { body, headers: { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": `v1,${signature}` } };
}

/** Paddle: transaction.completed, Paddle-Signature ts=...;h1= hex HMAC-SHA256 of "ts:body". */
function paddle(secret: string, now: Date): Delivery {
  const ts = String(Math.floor(now.getTime() / 1000));
  const body = JSON.stringify({
    event_id: `evt_test_${randomUUID()}`, event_type: "transaction.completed", occurred_at: now.toISOString(), notification_id: `ntf_test_${randomUUID()}`,
    data: { id: `txn_test_${randomUUID()}`, status: "completed", currency_code: "USD", origin: "web", custom_data: metadata, details: { totals: { total: String(AMOUNT), grand_total: String(AMOUNT), currency_code: "USD" } }, billed_at: now.toISOString() },
  });
  return { body, headers: { "paddle-signature": `ts=${ts};h1=${createHmac("sha256", secret).update(`${ts}:${body}`).digest("hex")}` } };
}

const BUILDERS: Record<PaymentProviderId, (secret: string, now: Date) => Delivery> = { stripe, lemonsqueezy, polar, paddle };

/** A test event shaped like the provider's own, signed the way the provider signs, with the site's secret. */
export const testDelivery = (provider: PaymentProviderId, secret: string, now = new Date()): Delivery => BUILDERS[provider](secret, now);

/** Whether a verified event is such a test: the marker in whichever metadata its provider carries. */
export function isTestEvent(body: unknown): boolean {
  const b = body as { metadata?: Record<string, unknown>; custom_data?: Record<string, unknown>; meta?: { custom_data?: Record<string, unknown> } } | null;
  return [b?.metadata, b?.custom_data, b?.meta?.custom_data].some((m) => m?.[TEST_MARKER] === "true");
}
