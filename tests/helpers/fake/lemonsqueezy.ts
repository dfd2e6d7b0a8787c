import path from "node:path";
import { startFakeServer, type Reply } from "./server";

const API = "https://api.lemonsqueezy.com";
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, ".000000Z");
const usd = (cents: number) => `$${(cents / 100).toFixed(2)}`;
let counter = 1000;
export const lsId = () => ++counter;

const rels = (type: string, id: number, names: string[]) =>
  Object.fromEntries(names.map((n) => [n, { links: { related: `${API}/v1/${type}/${id}/${n}`, self: `${API}/v1/${type}/${id}/relationships/${n}` } }]));

export type LsOrderInput = { id?: number; total: number; createdAt: Date; email?: string; customerId?: number; refunded?: number };

/** A complete order resource as LemonSqueezy's API returns it (and as order_* webhooks' `data`). */
export function lsOrder(o: LsOrderInput) {
  const id = o.id ?? lsId();
  const refunded = o.refunded ?? 0;
  const at = iso(o.createdAt);
  return {
    type: "orders", id: String(id),
    attributes: {
      store_id: 1, customer_id: o.customerId ?? lsId(), identifier: crypto.randomUUID(), order_number: id, user_name: "Darlene Daugherty",
      user_email: o.email ?? "gernser@yahoo.com", currency: "USD", currency_rate: "1.0000", subtotal: o.total, setup_fee: 0, discount_total: 0, tax: 0,
      total: o.total, refunded_amount: refunded, subtotal_usd: o.total, setup_fee_usd: 0, discount_total_usd: 0, tax_usd: 0, total_usd: o.total,
      refunded_amount_usd: refunded, tax_name: null, tax_rate: "0.00", tax_inclusive: false,
      status: refunded >= o.total ? "refunded" : refunded > 0 ? "partial_refund" : "paid", status_formatted: refunded >= o.total ? "Refunded" : refunded > 0 ? "Partial refund" : "Paid",
      refunded: refunded >= o.total, refunded_at: refunded ? iso(new Date(o.createdAt.getTime() + 86_400_000)) : null,
      subtotal_formatted: usd(o.total), setup_fee_formatted: "$0.00", discount_total_formatted: "$0.00", tax_formatted: "$0.00", total_formatted: usd(o.total), refunded_amount_formatted: usd(refunded),
      first_order_item: { id: id + 5000, order_id: id, product_id: 1, variant_id: 1, price_id: 1, product_name: "Test Limited License for 2 years", variant_name: "Default", price: o.total, quantity: 1, created_at: at, updated_at: at, test_mode: true },
      urls: { receipt: `https://app.lemonsqueezy.com/my-orders/${crypto.randomUUID()}?signature=8847fff02e1bfb0c7c43ff1cdf1b1657a8eed2029413692663b86859208c9f42` },
      created_at: at, updated_at: at, test_mode: true,
    },
    relationships: rels("orders", id, ["store", "customer", "order-items", "subscriptions", "license-keys", "discount-redemptions"]),
    links: { self: `${API}/v1/orders/${id}` },
  };
}

export type LsInvoiceInput = { id?: number; total: number; createdAt: Date; customerId: number; billingReason: "initial" | "renewal" | "updated"; email?: string; refunded?: number };

/** A complete subscription-invoice resource (and subscription_payment_* webhooks' `data`). */
export function lsInvoice(o: LsInvoiceInput) {
  const id = o.id ?? lsId();
  const refunded = o.refunded ?? 0;
  const at = iso(o.createdAt);
  return {
    type: "subscription-invoices", id: String(id),
    attributes: {
      store_id: 1, subscription_id: 1, customer_id: o.customerId, user_name: "Darlene Daugherty", user_email: o.email ?? "gernser@yahoo.com",
      billing_reason: o.billingReason, card_brand: "visa", card_last_four: "4242", currency: "USD", currency_rate: "1.00000000",
      status: refunded >= o.total ? "refunded" : refunded > 0 ? "partial_refund" : "paid", status_formatted: refunded ? "Refunded" : "Paid",
      refunded: refunded >= o.total, refunded_at: refunded ? iso(new Date(o.createdAt.getTime() + 86_400_000)) : null,
      subtotal: o.total, discount_total: 0, tax: 0, tax_inclusive: false, total: o.total, refunded_amount: refunded,
      subtotal_usd: o.total, discount_total_usd: 0, tax_usd: 0, total_usd: o.total, refunded_amount_usd: refunded,
      subtotal_formatted: usd(o.total), discount_total_formatted: "$0.00", tax_formatted: "$0.00", total_formatted: usd(o.total), refunded_amount_formatted: usd(refunded),
      urls: { invoice_url: `https://app.lemonsqueezy.com/my-orders/${crypto.randomUUID()}/subscription-invoice/${id}?signature=8d5b5e2ec85a1d5d4ae1f8a8ab0b8b1e` },
      created_at: at, updated_at: at, test_mode: true,
    },
    relationships: rels("subscription-invoices", id, ["store", "subscription", "customer"]),
    links: { self: `${API}/v1/subscription-invoices/${id}` },
  };
}

type Resource = { id: string; attributes: { created_at: string; store_id: number } };
const PATHS: Record<string, "orders" | "subscription-invoices"> = { "/v1/orders": "orders", "/v1/subscription-invoices": "subscription-invoices" };

/**
 * LemonSqueezy's list endpoints for orders and subscription invoices as its
 * SDK calls them: JSON:API, newest first, `filter[store_id]`,
 * `page[number]` / `page[size]`, `meta.page` and `links`. A page is at most
 * `pageSize` long whatever page[size] asks. Only `key` is let in.
 *
 * The SDK always calls https://api.lemonsqueezy.com with the global fetch and
 * has no setting for another address: an app that should reach this server
 * is started with `hostEnv(url)`, which loads lemonsqueezy-host.mjs into it.
 */
export async function startFakeLemonSqueezy(opts: { key: string; pageSize?: number }) {
  const lists: Record<"orders" | "subscription-invoices", Resource[]> = { orders: [], "subscription-invoices": [] };
  const server = await startFakeServer((req): Reply => {
    const headers = { "content-type": "application/vnd.api+json" };
    if (req.headers.authorization !== `Bearer ${opts.key}`) return { status: 401, headers, text: JSON.stringify({ jsonapi: { version: "1.0" }, errors: [{ detail: "Unauthenticated.", status: "401", title: "Unauthorized" }] }) };
    const kind = PATHS[req.path];
    if (!kind || req.method !== "GET") return { status: 404, headers, text: JSON.stringify({ jsonapi: { version: "1.0" }, errors: [{ detail: "Not found.", status: "404", title: "Not Found" }] }) };
    const store = req.query.get("filter[store_id]");
    const all = lists[kind].filter((r) => !store || String(r.attributes.store_id) === store).sort((a, b) => b.attributes.created_at.localeCompare(a.attributes.created_at));
    const size = Math.min(Number(req.query.get("page[size]") ?? 10), opts.pageSize ?? 2);
    const number = Number(req.query.get("page[number]") ?? 1);
    const lastPage = Math.max(1, Math.ceil(all.length / size));
    const data = all.slice((number - 1) * size, number * size);
    const link = (n: number) => `${API}${req.path}?page%5Bnumber%5D=${n}&page%5Bsize%5D=${size}&sort=-createdAt`;
    const body = {
      meta: { page: { currentPage: number, from: data.length ? (number - 1) * size + 1 : null, lastPage, perPage: size, to: data.length ? (number - 1) * size + data.length : null, total: all.length } },
      jsonapi: { version: "1.0" },
      links: { first: link(1), last: link(lastPage), ...(number < lastPage ? { next: link(number + 1) } : {}) },
      data,
    };
    return { status: 200, headers, text: JSON.stringify(body) };
  });
  return {
    ...server,
    add: (kind: "orders" | "subscription-invoices", r: Resource) => lists[kind].push(r),
    lists: () => server.seen.filter((r) => r.path in PATHS),
  };
}

/** Environment for an app whose LemonSqueezy SDK calls should reach `url` (see startFakeLemonSqueezy). */
export const hostEnv = (url: string) => ({
  TRAILMARK_TEST_LEMONSQUEEZY_URL: url,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${path.join(__dirname, "lemonsqueezy-host.mjs")}`.trim(),
});
