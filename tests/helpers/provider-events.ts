// Events shaped like each provider's published examples (trimmed to the
// fields that matter plus enough of the rest to look real).
import { uid } from "./webhooks";

const unix = () => Math.floor(Date.now() / 1000);
const iso = () => new Date().toISOString();

type Meta = Record<string, string>;

function stripeEvent(type: string, object: object, id = uid("evt_")) {
  return { id, object: "event", api_version: "2025-03-31.basil", created: unix(), data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type };
}

export const stripe = {
  checkoutCompleted(o: { amount: number; currency?: string; metadata?: Meta; clientReferenceId?: string; email?: string; customer?: string; paymentIntent?: string; mode?: "payment" | "subscription"; invoice?: string; eventId?: string }) {
    return stripeEvent("checkout.session.completed", {
      id: uid("cs_test_"), object: "checkout.session", mode: o.mode ?? "payment", status: "complete", payment_status: "paid",
      amount_subtotal: o.amount, amount_total: o.amount, currency: o.currency ?? "usd", client_reference_id: o.clientReferenceId ?? null,
      customer: o.customer ?? null, customer_email: null, customer_details: { email: o.email ?? null, name: "Jenny Rosen", address: { country: "US" } },
      metadata: o.metadata ?? {}, payment_intent: o.mode === "subscription" ? null : (o.paymentIntent ?? uid("pi_")),
      invoice: o.invoice ?? null, subscription: o.mode === "subscription" ? uid("sub_") : null, created: unix(), livemode: false,
    }, o.eventId);
  },
  paymentIntentSucceeded(o: { id: string; amount: number; currency?: string; metadata?: Meta; invoice?: string }) {
    return stripeEvent("payment_intent.succeeded", {
      id: o.id, object: "payment_intent", amount: o.amount, amount_received: o.amount, currency: o.currency ?? "usd", status: "succeeded",
      customer: null, receipt_email: null, metadata: o.metadata ?? {}, latest_charge: uid("ch_"), created: unix(), livemode: false,
      ...(o.invoice ? { invoice: o.invoice } : {}),
    });
  },
  invoicePaid(o: { id?: string; amount: number; customer: string; email?: string; billingReason: string; subscriptionMetadata?: Meta }) {
    return stripeEvent("invoice.paid", {
      id: o.id ?? uid("in_"), object: "invoice", amount_due: o.amount, amount_paid: o.amount, amount_remaining: 0, currency: "usd",
      billing_reason: o.billingReason, customer: o.customer, customer_email: o.email ?? null, metadata: {}, status: "paid",
      parent: { type: "subscription_details", subscription_details: { metadata: o.subscriptionMetadata ?? {}, subscription: uid("sub_") } },
      status_transitions: { finalized_at: unix(), paid_at: unix() }, created: unix(), livemode: false,
    });
  },
  chargeRefunded(o: { paymentIntent: string; amount: number; refunded: number }) {
    return stripeEvent("charge.refunded", {
      id: uid("ch_"), object: "charge", amount: o.amount, amount_captured: o.amount, amount_refunded: o.refunded, currency: "usd",
      paid: true, refunded: o.refunded >= o.amount, payment_intent: o.paymentIntent, status: "succeeded", created: unix(),
    });
  },
};

export const lemonsqueezy = {
  orderCreated(o: { id: number; total: number; email?: string; customerId?: number; customData?: Meta; currency?: string }) {
    return {
      meta: { test_mode: true, event_name: "order_created", custom_data: o.customData },
      data: {
        type: "orders", id: String(o.id),
        attributes: {
          store_id: 1, customer_id: o.customerId ?? 1, identifier: "104e18a2-d755-4d4b-80c4-a6c1dcbe1c10", order_number: o.id, user_name: "Darlene Daugherty",
          user_email: o.email ?? "gernser@yahoo.com", currency: o.currency ?? "USD", currency_rate: "1.0000", subtotal: o.total, discount_total: 0, tax: 0,
          total: o.total, subtotal_usd: o.total, total_usd: o.total, status: "paid", status_formatted: "Paid", refunded: false, refunded_at: null,
          created_at: iso(), updated_at: iso(),
        },
      },
    };
  },
  orderRefunded(o: { id: number; total: number; refundedAmount: number }) {
    const order = lemonsqueezy.orderCreated({ id: o.id, total: o.total });
    return { meta: { ...order.meta, event_name: "order_refunded" }, data: { ...order.data, attributes: { ...order.data.attributes, status: o.refundedAmount >= o.total ? "refunded" : "partial_refund", refunded: o.refundedAmount >= o.total, refunded_amount: o.refundedAmount, refunded_at: iso() } } };
  },
  subscriptionPaymentSuccess(o: { id: number; total: number; customerId: number; billingReason: "initial" | "renewal" | "updated"; customData?: Meta }) {
    return {
      meta: { test_mode: true, event_name: "subscription_payment_success", custom_data: o.customData },
      data: {
        type: "subscription-invoices", id: String(o.id),
        attributes: {
          store_id: 1, subscription_id: 1, customer_id: o.customerId, user_name: "Darlene Daugherty", user_email: "gernser@yahoo.com",
          billing_reason: o.billingReason, currency: "USD", status: "paid", subtotal: o.total, tax: 0, total: o.total, refunded: false, created_at: iso(),
        },
      },
    };
  },
};

export const polar = {
  order(type: "order.paid" | "order.refunded", o: { id?: string; amount: number; refunded?: number; customerId?: string; email?: string; externalId?: string; metadata?: Meta; billingReason?: string }) {
    return {
      type, timestamp: iso(),
      data: {
        id: o.id ?? crypto.randomUUID(), created_at: iso(), modified_at: iso(), status: o.refunded ? (o.refunded >= o.amount ? "refunded" : "partially_refunded") : "paid", paid: true,
        subtotal_amount: o.amount, discount_amount: 0, net_amount: o.amount, tax_amount: 0, total_amount: o.amount, refunded_amount: o.refunded ?? 0, refunded_tax_amount: 0,
        currency: "usd", billing_reason: o.billingReason ?? "purchase", customer_id: o.customerId ?? crypto.randomUUID(), product_id: crypto.randomUUID(),
        metadata: o.metadata ?? {}, customer: { id: o.customerId ?? crypto.randomUUID(), email: o.email ?? "customer@example.com", external_id: o.externalId ?? null, metadata: {} },
      },
    };
  },
};

export const paddle = {
  transactionCompleted(o: { id?: string; total: number; customData?: Meta; customerId?: string; origin?: string }) {
    return {
      event_id: uid("evt_01h"), event_type: "transaction.completed", occurred_at: iso(), notification_id: uid("ntf_01h"),
      data: {
        id: o.id ?? uid("txn_01h"), status: "completed", customer_id: o.customerId ?? uid("ctm_01h"), currency_code: "USD", origin: o.origin ?? "web",
        subscription_id: null, collection_mode: "automatic", custom_data: o.customData ?? null, billed_at: iso(), created_at: iso(),
        details: { totals: { subtotal: String(o.total), tax: "0", discount: "0", total: String(o.total), grand_total: String(o.total), currency_code: "USD" } },
      },
    };
  },
  adjustment(type: "adjustment.created" | "adjustment.updated", o: { id: string; transactionId: string; total: number; status: string }) {
    return {
      event_id: uid("evt_01h"), event_type: type, occurred_at: iso(), notification_id: uid("ntf_01h"),
      data: {
        id: o.id, action: "refund", type: "partial", transaction_id: o.transactionId, status: o.status, reason: "error", currency_code: "USD",
        totals: { subtotal: String(o.total), tax: "0", total: String(o.total), fee: "0", earnings: "0", currency_code: "USD" }, created_at: iso(), updated_at: iso(),
      },
    };
  },
};
