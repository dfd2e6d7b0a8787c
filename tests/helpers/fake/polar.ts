import { randomUUID } from "node:crypto";
import { startFakeServer, type Reply } from "./server";

const ORG = "1dbfc517-0bbf-4301-9ba8-555ca42b9737";
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

export type PolarOrderInput = {
  id?: string; amount: number; createdAt: Date; refunded?: number; billingReason?: "purchase" | "subscription_create" | "subscription_cycle";
  customerId?: string; email?: string; externalId?: string | null; metadata?: Record<string, string>; paid?: boolean;
};

/**
 * A complete Order as Polar's API returns it (GET /v1/orders/ items, and the
 * `data` of order.paid / order.refunded webhooks): every field its SDK
 * requires, with the nested customer, product, subscription and items.
 */
export function polarOrder(o: PolarOrderInput) {
  const at = iso(o.createdAt);
  const id = o.id ?? randomUUID();
  const customerId = o.customerId ?? randomUUID();
  const productId = randomUUID();
  const recurring = o.billingReason === "subscription_create" || o.billingReason === "subscription_cycle";
  const refunded = o.refunded ?? 0;
  const paid = o.paid ?? true;
  const subscriptionId = recurring ? randomUUID() : null;
  return {
    id, created_at: at, modified_at: refunded ? iso(new Date(o.createdAt.getTime() + 86_400_000)) : at,
    status: !paid ? "pending" : refunded >= o.amount ? "refunded" : refunded > 0 ? "partially_refunded" : "paid", paid,
    subtotal_amount: o.amount, discount_amount: 0, net_amount: o.amount, tax_amount: 0, total_amount: o.amount,
    applied_balance_amount: 0, due_amount: paid ? 0 : o.amount, refunded_amount: refunded, refunded_tax_amount: 0, currency: "usd",
    billing_reason: o.billingReason ?? "purchase", billing_name: "Jenny Rosen",
    billing_address: { line1: null, line2: null, postal_code: null, city: null, state: null, country: "US" },
    invoice_number: paid ? `POLAR-${id.slice(0, 4).toUpperCase()}-0001` : null, is_invoice_generated: false, receipt_number: null, seats: null,
    customer_id: customerId, product_id: productId, discount_id: null, subscription_id: subscriptionId, checkout_id: randomUUID(),
    metadata: o.metadata ?? {}, custom_field_data: {}, platform_fee_amount: Math.round(o.amount * 0.04), platform_fee_currency: "usd",
    customer: {
      id: customerId, created_at: at, modified_at: null, metadata: {}, external_id: o.externalId ?? null, email: o.email ?? "jenny@example.com",
      email_verified: true, type: "individual", name: "Jenny Rosen", billing_name: "Jenny Rosen",
      billing_address: { line1: null, line2: null, postal_code: null, city: null, state: null, country: "US" },
      tax_id: null, locale: "en", organization_id: ORG, default_payment_method_id: null, deleted_at: null, avatar_url: "https://www.gravatar.com/avatar/0?d=404",
    },
    product: {
      metadata: {}, id: productId, created_at: at, modified_at: null, trial_interval: null, trial_interval_count: null,
      name: recurring ? "Pro (monthly)" : "Lifetime licence", description: null, visibility: "public",
      recurring_interval: recurring ? "month" : null, recurring_interval_count: recurring ? 1 : null, meter_interval: null, meter_interval_count: null,
      is_recurring: recurring, is_archived: false, organization_id: ORG,
    },
    discount: null,
    subscription: recurring ? {
      metadata: {}, created_at: at, modified_at: null, id: subscriptionId, amount: o.amount, currency: "usd", recurring_interval: "month",
      recurring_interval_count: 1, status: "active", current_period_start: at, current_period_end: iso(new Date(o.createdAt.getTime() + 30 * 86_400_000)),
      current_meter_period_start: null, current_meter_period_end: null, trial_start: null, trial_end: null, cancel_at_period_end: false,
      canceled_at: null, started_at: at, ends_at: null, ended_at: null, past_due_at: null, pause_at_period_end: false, paused_at: null,
      resumes_at: null, customer_id: customerId, product_id: productId, discount_id: null, checkout_id: null, seats: null,
      customer_cancellation_reason: null, customer_cancellation_comment: null,
    } : null,
    items: [{ created_at: at, modified_at: null, id: randomUUID(), label: recurring ? "Pro (monthly)" : "Lifetime licence", amount: o.amount, tax_amount: 0, proration: false, product_price_id: randomUUID() }],
    description: recurring ? "Pro (monthly)" : "Lifetime licence", refundable_amount: o.amount - refunded, refundable_tax_amount: 0,
  };
}

export type PolarOrder = ReturnType<typeof polarOrder>;

/**
 * Polar's GET /v1/orders/ as its SDK pages through it: `page` and `limit`
 * (at most 100, as Polar allows; the SDK stops at a shorter page), `sorting`
 * by created_at either way, and `pagination: {total_count, max_page}`. Only
 * `token` is let in; another gets Polar's 401 answer.
 */
export async function startFakePolar(opts: { token: string }) {
  const orders: PolarOrder[] = [];
  const server = await startFakeServer((req): Reply => {
    if (req.headers.authorization !== `Bearer ${opts.token}`) {
      return { status: 401, headers: { "www-authenticate": 'Bearer realm="polar", error="invalid_token"' }, body: { error: "invalid_token", error_description: "The access token provided is expired, revoked, malformed, or invalid for other reasons." } };
    }
    if (req.method !== "GET" || req.path !== "/v1/orders/") return { status: 404, body: { detail: "Not Found" } };
    const desc = (req.query.get("sorting") ?? "-created_at") === "-created_at";
    const list = [...orders].sort((a, b) => (desc ? -1 : 1) * a.created_at.localeCompare(b.created_at));
    const size = Math.min(Number(req.query.get("limit") ?? 10), 100);
    const page = Number(req.query.get("page") ?? 1);
    const maxPage = Math.max(1, Math.ceil(list.length / size));
    return { status: 200, body: { items: list.slice((page - 1) * size, page * size), pagination: { total_count: list.length, max_page: maxPage } } };
  });
  return { ...server, add: (o: PolarOrder) => orders.push(o), lists: () => server.seen.filter((r) => r.path === "/v1/orders/") };
}
