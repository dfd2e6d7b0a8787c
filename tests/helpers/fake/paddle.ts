import { randomBytes } from "node:crypto";
import { startFakeServer, type Reply } from "./server";

// Paddle ids: a prefix and 26 lowercase base32 characters that sort by creation time.
let seq = 0;
export const paddleId = (prefix: string, at: Date) =>
  `${prefix}_01${at.getTime().toString(32).padStart(10, "0")}${(seq++).toString(32).padStart(4, "0")}${randomBytes(5).toString("hex")}`.slice(0, prefix.length + 27);

const money = (n: number) => String(n);
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, ".000000Z");

export type PaddleTransactionInput = { id?: string; total: number; billedAt: Date; customerId?: string; email?: string; customData?: Record<string, string> | null; origin?: string; status?: string };

/** A complete transaction entity as Paddle's API lists it (and as transaction.completed's `data`, minus the included customer). */
export function paddleTransaction(o: PaddleTransactionInput) {
  const at = iso(o.billedAt);
  const id = o.id ?? paddleId("txn", o.billedAt);
  const customerId = o.customerId ?? paddleId("ctm", o.billedAt);
  const recurring = o.origin === "subscription_recurring";
  const totals = { subtotal: money(o.total), tax: "0", discount: "0", total: money(o.total), grand_total: money(o.total), fee: null, earnings: null, credit: "0", credit_to_balance: "0", balance: "0", currency_code: "USD" };
  const price = {
    id: paddleId("pri", o.billedAt), product_id: paddleId("pro", o.billedAt), description: recurring ? "Monthly" : "One-off", type: "standard", name: recurring ? "Monthly" : "Lifetime",
    billing_cycle: recurring ? { interval: "month", frequency: 1 } : null, trial_period: null, tax_mode: "account_setting",
    unit_price: { amount: money(o.total), currency_code: "USD" }, unit_price_overrides: [], quantity: { minimum: 1, maximum: 1 }, status: "active",
    custom_data: null, import_meta: null, created_at: at, updated_at: at,
  };
  return {
    id, status: o.status ?? "completed", customer_id: customerId, address_id: paddleId("add", o.billedAt), business_id: null, custom_data: o.customData ?? null,
    currency_code: "USD", origin: o.origin ?? "web", subscription_id: recurring ? paddleId("sub", o.billedAt) : null, invoice_id: paddleId("inv", o.billedAt),
    invoice_number: `325-${String(seq).padStart(5, "0")}`, collection_mode: "automatic", discount_id: null, billing_details: null,
    billing_period: recurring ? { starts_at: at, ends_at: iso(new Date(o.billedAt.getTime() + 30 * 86_400_000)) } : null,
    items: [{ price, quantity: 1, proration: null }],
    details: {
      tax_rates_used: [{ tax_rate: "0", totals: { subtotal: money(o.total), discount: "0", tax: "0", total: money(o.total) } }],
      totals, adjusted_totals: { subtotal: money(o.total), tax: "0", total: money(o.total), grand_total: money(o.total), fee: "0", earnings: "0", currency_code: "USD" },
      payout_totals: null, adjusted_payout_totals: null,
      line_items: [{
        id: paddleId("txnitm", o.billedAt), price_id: price.id, quantity: 1, proration: null, tax_rate: "0",
        unit_totals: { subtotal: money(o.total), discount: "0", tax: "0", total: money(o.total) },
        totals: { subtotal: money(o.total), discount: "0", tax: "0", total: money(o.total) },
        product: { id: price.product_id, name: "Pro", description: null, type: "standard", tax_category: "standard", image_url: null, custom_data: null, status: "active", import_meta: null, created_at: at, updated_at: at },
      }],
    },
    payments: [{
      payment_attempt_id: "497f776b-851d-4ebf-89ab-8ba0f75d2d6a", stored_payment_method_id: "7636e781-4a83-4a0b-a4cf-5d1e1c5fb4c8", payment_method_id: paddleId("paymtd", o.billedAt),
      amount: money(o.total), status: "captured", error_code: null, method_details: { type: "card", card: { type: "visa", last4: "4242", expiry_month: 12, expiry_year: 2030, cardholder_name: "Jenny Rosen" } },
      created_at: at, captured_at: at,
    }],
    checkout: { url: `https://shop.example/checkout?_ptxn=${id}` },
    created_at: at, updated_at: at, billed_at: at, revised_at: null,
    customer: { id: customerId, name: "Jenny Rosen", email: o.email ?? "jenny@example.com", marketing_consent: false, status: "active", custom_data: null, locale: "en", created_at: at, updated_at: at, import_meta: null },
  };
}

export type PaddleAdjustmentInput = { transactionId: string; total: number; createdAt: Date; action?: "refund" | "chargeback" | "credit"; status?: string; id?: string };

/** A complete adjustment entity, as listed and as adjustment.created / .updated's `data`. */
export function paddleAdjustment(o: PaddleAdjustmentInput) {
  const at = iso(o.createdAt);
  return {
    id: o.id ?? paddleId("adj", o.createdAt), action: o.action ?? "refund", type: "partial", transaction_id: o.transactionId, subscription_id: null,
    customer_id: paddleId("ctm", o.createdAt), reason: "Customer asked for it", credit_applied_to_balance: null, currency_code: "USD", status: o.status ?? "approved",
    items: [{ id: paddleId("adjitm", o.createdAt), item_id: paddleId("txnitm", o.createdAt), type: "partial", amount: money(o.total), proration: null, totals: { subtotal: money(o.total), tax: "0", total: money(o.total) } }],
    totals: { subtotal: money(o.total), tax: "0", total: money(o.total), fee: "0", earnings: "0", currency_code: "USD" },
    payout_totals: null, created_at: at, updated_at: at,
  };
}

type Txn = ReturnType<typeof paddleTransaction>;
type Adj = ReturnType<typeof paddleAdjustment>;

/**
 * Paddle's GET /transactions and GET /adjustments as its SDK pages through
 * them: `status`, `billed_at[GTE]`, `order_by`, `per_page`, `include`, and
 * `meta.pagination.next` links carrying `after`. A page is at most `pageSize`
 * long whatever per_page asks. Only `key` is let in (Paddle's 403 invalid_token otherwise).
 */
export async function startFakePaddle(opts: { key: string; pageSize?: number }) {
  const transactions: Txn[] = [];
  const adjustments: Adj[] = [];
  const server = await startFakeServer((req): Reply => {
    const meta = { request_id: crypto.randomUUID() };
    if (req.headers.authorization?.toLowerCase() !== `bearer ${opts.key}`.toLowerCase()) {
      return { status: 403, body: { error: { type: "request_error", code: "invalid_token", detail: "Invalid or revoked API key.", documentation_url: "https://developer.paddle.com/errors/shared/invalid_token" }, meta } };
    }
    const kind = req.path === "/transactions" ? transactions : req.path === "/adjustments" ? adjustments : null;
    if (!kind || req.method !== "GET") return { status: 404, body: { error: { type: "request_error", code: "not_found", detail: "Not found" }, meta } };
    const statuses = req.query.get("status")?.split(",");
    const gte = req.query.get("billed_at[GTE]");
    const [field, dir] = (req.query.get("order_by") ?? "id[ASC]").match(/^(\w+)\[(ASC|DESC)\]$/)!.slice(1);
    let list = (kind as (Txn | Adj)[])
      .filter((o) => !statuses || statuses.includes(o.status))
      .filter((o) => !gte || ("billed_at" in o && o.billed_at >= gte))
      .sort((a, b) => (dir === "DESC" ? -1 : 1) * String(a[field as "id"]).localeCompare(String(b[field as "id"])));
    const after = req.query.get("after");
    if (after) list = list.slice(list.findIndex((o) => o.id === after) + 1);
    const size = Math.min(Number(req.query.get("per_page") ?? 50), opts.pageSize ?? 2);
    const page = list.slice(0, size).map((o) => ("customer" in o && req.query.get("include")?.includes("customer") ? o : { ...o, customer: undefined }));
    const hasMore = list.length > size;
    const next = new URL(`${server.url}${req.path}`);
    for (const [k, v] of req.query) if (k !== "after") next.searchParams.set(k, v);
    if (page.length) next.searchParams.set("after", page[page.length - 1].id);
    return { status: 200, body: { data: page, meta: { ...meta, pagination: { per_page: size, next: next.href, has_more: hasMore, estimated_total: list.length + (after ? 1 : 0) } } } };
  });
  return {
    ...server,
    addTransaction: (t: Txn) => transactions.push(t),
    addAdjustment: (a: Adj) => adjustments.push(a),
    lists: () => server.seen.filter((r) => r.path === "/transactions" || r.path === "/adjustments"),
  };
}
