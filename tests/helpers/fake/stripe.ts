import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { startFakeServer, type Reply, type Seen } from "./server";

type Obj = Record<string, unknown> & { id: string };

/** Stripe's form encoding (`a[b][0][c]=v`) back into objects and arrays. */
export function parseStripeForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(path[i + 1]) ? [] : {}) as Record<string, unknown>;
    });
  }
  return out;
}

const stripeError = (status: number, message: string, extra: Record<string, string> = {}): Reply => ({ status, body: { error: { type: "invalid_request_error", message, ...extra } } });
const html = (body: string): Reply => ({ status: 200, headers: { "content-type": "text/html; charset=utf-8" }, text: `<!doctype html><html><head><meta name="viewport" content="width=device-width"><title>Stripe test checkout</title></head><body style="font-family:sans-serif;max-width:480px;margin:40px auto">${body}</body></html>` });

/**
 * Stripe's HTTP API for the calls Trailmark's billing makes (customers,
 * Checkout sessions in subscription mode, Customer Portal sessions,
 * subscription retrieval), with idempotency keys honoured, plus a hosted
 * checkout page whose "Pay" button completes the session. What happens at
 * Stripe is simulated by the methods below, each emitting the events Stripe
 * would and delivering them to the webhook signed with the SDK's own helper;
 * `capture()` keeps them for the test to deliver late, twice or out of order.
 */
export async function startFakeStripe(opts: { secretKey: string; webhookSecret: string; prices: string[] }) {
  const customers = new Map<string, Obj>();
  const sessions = new Map<string, Obj>();
  const subscriptions = new Map<string, Obj>();
  const invoices = new Map<string, Obj>();
  const portals = new Map<string, Obj>();
  const idempotent = new Map<string, Reply>();
  const events: Stripe.Event[] = [];
  const held: Stripe.Event[] = [];
  let target: string | null = null;
  let holding = false;
  let clock: number | null = null;
  const now = () => clock ?? Math.floor(Date.now() / 1000);
  const newId = (prefix: string) => `${prefix}_${randomBytes(10).toString("hex")}`;

  async function deliver(event: Stripe.Event, o: { timestamp?: number; secret?: string } = {}): Promise<Response> {
    if (!target) throw new Error("no webhook target: call webhookTo(url) first");
    const payload = JSON.stringify(event, null, 2);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: o.secret ?? opts.webhookSecret, timestamp: o.timestamp ?? Math.floor(Date.now() / 1000) });
    return fetch(target, { method: "POST", headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": header, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" }, body: payload });
  }

  async function emit(type: string, object: Obj): Promise<Stripe.Event> {
    const event = {
      id: newId("evt"), object: "event", api_version: "2026-10-28.endive", created: now(), livemode: false, pending_webhooks: 1,
      request: { id: null, idempotency_key: null }, type, data: { object: structuredClone(object) },
    } as unknown as Stripe.Event;
    events.push(event);
    if (holding) held.push(event);
    else {
      const res = await deliver(event);
      if (!res.ok) throw new Error(`webhook ${type} answered ${res.status}: ${await res.text()}`);
    }
    return event;
  }

  const month = 30 * 86_400;
  function invoiceFor(sub: Obj, status: "paid" | "open", reason: string): Obj {
    const item = (sub.items as { data: { price: { id: string } }[] }).data[0];
    const invoice: Obj = {
      id: newId("in"), object: "invoice", customer: sub.customer, status, amount_paid: status === "paid" ? 1900 : 0, amount_due: 1900, currency: "usd",
      billing_reason: reason, created: now(), lines: { object: "list", data: [{ pricing: { price_details: { price: item.price.id } } }] },
      parent: { type: "subscription_details", subscription_details: { subscription: sub.id, metadata: sub.metadata } },
    };
    invoices.set(invoice.id, invoice);
    sub.latest_invoice = invoice.id;
    return invoice;
  }

  /** The customer paid on the hosted page: the subscription starts, its first invoice is paid, the session completes. */
  async function completeCheckout(sessionId: string): Promise<Obj> {
    const session = sessions.get(sessionId);
    if (!session || session.status !== "open") throw new Error(`no open checkout session ${sessionId}`);
    const price = (session.line_items as { price: string }[])[0].price;
    const start = now();
    const sub: Obj = {
      id: newId("sub"), object: "subscription", created: start, customer: session.customer, status: "active", cancel_at_period_end: false, canceled_at: null, ended_at: null,
      metadata: (session.subscription_data as { metadata?: object } | undefined)?.metadata ?? {}, latest_invoice: null,
      items: { object: "list", data: [{ id: newId("si"), object: "subscription_item", quantity: 1, price: { id: price, object: "price" }, current_period_start: start, current_period_end: start + month }] },
    };
    subscriptions.set(sub.id, sub);
    const invoice = invoiceFor(sub, "paid", "subscription_create");
    Object.assign(session, { status: "complete", payment_status: "paid", subscription: sub.id, invoice: invoice.id });
    await emit("customer.subscription.created", sub);
    await emit("invoice.paid", invoice);
    await emit("checkout.session.completed", session);
    return sub;
  }

  function sub(id: string): Obj {
    const s = subscriptions.get(id);
    if (!s) throw new Error(`no subscription ${id}`);
    return s;
  }

  const apiRoutes: [string, RegExp, (req: Seen, m: RegExpExecArray) => Reply][] = [
    ["POST", /^\/v1\/customers$/, (req) => {
      const p = parseStripeForm(req.body);
      const c: Obj = { id: newId("cus"), object: "customer", created: now(), email: p.email ?? null, name: p.name ?? null, metadata: p.metadata ?? {}, livemode: false };
      customers.set(c.id, c);
      return { status: 200, body: c };
    }],
    ["POST", /^\/v1\/checkout\/sessions$/, (req) => {
      const p = parseStripeForm(req.body) as Record<string, unknown> & { line_items?: { price?: string; quantity?: string }[] };
      if (p.mode !== "subscription") return stripeError(400, "This fake only does subscription mode", { param: "mode" });
      if (typeof p.customer !== "string" || !customers.has(p.customer)) return stripeError(400, `No such customer: '${String(p.customer)}'`, { code: "resource_missing", param: "customer" });
      const price = p.line_items?.[0]?.price;
      if (!price || !opts.prices.includes(price)) return stripeError(400, `No such price: '${price}'`, { code: "resource_missing", param: "line_items[0][price]" });
      if (typeof p.success_url !== "string") return stripeError(400, "Missing required param: success_url.", { param: "success_url" });
      const id = newId("cs_test");
      const s: Obj = {
        id, object: "checkout.session", mode: "subscription", status: "open", payment_status: "unpaid", created: now(), livemode: false,
        customer: p.customer, client_reference_id: p.client_reference_id ?? null, metadata: p.metadata ?? {}, subscription: null, invoice: null,
        success_url: p.success_url, cancel_url: p.cancel_url ?? null, url: `${server.url}/checkout/${id}`,
        line_items: (p.line_items ?? []).map((l) => ({ price: l.price, quantity: Number(l.quantity ?? 1) })), subscription_data: p.subscription_data ?? {},
      };
      sessions.set(id, s);
      return { status: 200, body: s };
    }],
    ["GET", /^\/v1\/checkout\/sessions\/([^/]+)$/, (_req, m) => (sessions.has(m[1]) ? { status: 200, body: sessions.get(m[1]) } : stripeError(404, `No such checkout.session: '${m[1]}'`, { code: "resource_missing" }))],
    ["POST", /^\/v1\/billing_portal\/sessions$/, (req) => {
      const p = parseStripeForm(req.body);
      if (typeof p.customer !== "string" || !customers.has(p.customer)) return stripeError(400, `No such customer: '${String(p.customer)}'`, { code: "resource_missing", param: "customer" });
      const id = newId("bps");
      const s: Obj = { id, object: "billing_portal.session", customer: p.customer, return_url: p.return_url ?? null, created: now(), livemode: false, url: `${server.url}/portal/${id}` };
      portals.set(id, s);
      return { status: 200, body: s };
    }],
    ["GET", /^\/v1\/subscriptions\/([^/]+)$/, (_req, m) => (subscriptions.has(m[1]) ? { status: 200, body: subscriptions.get(m[1]) } : stripeError(404, `No such subscription: '${m[1]}'`, { code: "resource_missing" }))],
  ];

  const server = await startFakeServer(async (req) => {
    if (req.path.startsWith("/v1/")) {
      if (req.headers.authorization !== `Bearer ${opts.secretKey}`) return { status: 401, body: { error: { type: "invalid_request_error", message: "Invalid API Key provided: sk_test_****" } } };
      const key = req.method === "POST" ? req.headers["idempotency-key"] : undefined;
      if (typeof key === "string" && idempotent.has(key)) return idempotent.get(key)!;
      for (const [method, pattern, handle] of apiRoutes) {
        const m = req.method === method ? pattern.exec(req.path) : null;
        if (!m) continue;
        const reply = handle(req, m);
        if (typeof key === "string") idempotent.set(key, reply);
        return reply;
      }
      return stripeError(404, `Unrecognized request URL (${req.method}: ${req.path}).`);
    }
    let m = /^\/checkout\/([^/]+)(\/pay)?$/.exec(req.path);
    const session = m ? sessions.get(m[1]) : undefined;
    if (m && session && !m[2] && req.method === "GET") {
      const price = (session.line_items as { price: string }[])[0].price;
      return html(`<h1>Subscribe</h1><p data-price="${price}">Price <code>${price}</code></p>${session.status === "open" ? `<form method="post" action="/checkout/${session.id}/pay"><button type="submit">Pay and subscribe</button></form>` : "<p>This session is complete.</p>"}`);
    }
    if (m && session && m[2] && req.method === "POST") {
      if (session.status === "open") await completeCheckout(session.id);
      return { status: 303, headers: { location: String(session.success_url).replace("{CHECKOUT_SESSION_ID}", session.id) } };
    }
    m = /^\/portal\/([^/]+)$/.exec(req.path);
    const portal = m ? portals.get(m[1]) : undefined;
    if (portal) return html(`<h1>Billing portal</h1><p>Customer ${String(portal.customer)}</p><a href="${String(portal.return_url)}">Return to Trailmark</a>`);
    return { status: 404, text: "not found", headers: { "content-type": "text/plain" } };
  });

  return {
    ...server,
    customers, sessions, subscriptions, invoices, events,
    /** Where events go: the app's /api/billing/webhook. */
    webhookTo: (url: string) => void (target = url),
    /** The events `fn` makes Stripe emit, kept back for the test to deliver (late, twice, out of order). */
    capture: async (fn: () => Promise<unknown>): Promise<Stripe.Event[]> => {
      holding = true;
      try {
        await fn();
      } finally {
        holding = false;
      }
      return held.splice(0);
    },
    /** Stripe's clock for objects and events (epoch seconds), e.g. to make a subscription look older. */
    setClock: (seconds: number | null) => void (clock = seconds),
    deliver,
    completeCheckout,
    /** A plan change in the portal: the item's price moves, proration is Stripe's business. */
    changePrice: async (id: string, price: string) => {
      const s = sub(id);
      (s.items as { data: { price: { id: string } }[] }).data[0].price = { id: price, object: "price" } as never;
      return emit("customer.subscription.updated", s);
    },
    /** A renewal whose payment fails: the invoice stays open and the subscription goes past_due. */
    failRenewal: async (id: string) => {
      const s = sub(id);
      const invoice = invoiceFor(s, "open", "subscription_cycle");
      s.status = "past_due";
      return [await emit("invoice.payment_failed", invoice), await emit("customer.subscription.updated", s)];
    },
    /** The open invoice is paid (a retry after the card was updated): active again. */
    payLatest: async (id: string) => {
      const s = sub(id);
      const invoice = invoices.get(String(s.latest_invoice))!;
      Object.assign(invoice, { status: "paid", amount_paid: invoice.amount_due });
      s.status = "active";
      return [await emit("invoice.paid", invoice), await emit("customer.subscription.updated", s)];
    },
    /** "Cancel plan" in the portal: it runs to the end of the period. */
    cancelAtPeriodEnd: async (id: string) => {
      const s = sub(id);
      Object.assign(s, { cancel_at_period_end: true, canceled_at: now() });
      return emit("customer.subscription.updated", s);
    },
    /** The period ran out (or an immediate cancellation): the subscription is over. */
    endSubscription: async (id: string) => {
      const s = sub(id);
      Object.assign(s, { status: "canceled", ended_at: now(), canceled_at: s.canceled_at ?? now() });
      return emit("customer.subscription.deleted", s);
    },
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;
