import { startFakeServer, type Reply } from "./server";

type Obj = Record<string, unknown> & { id: string; created: number };

const PATHS: Record<string, string> = {
  "/v1/checkout/sessions": "checkout.session",
  "/v1/invoices": "invoice",
  "/v1/payment_intents": "payment_intent",
  "/v1/charges": "charge",
};

/**
 * Stripe's list endpoints for a connected account's history (Checkout
 * Sessions, Invoices, Payment Intents, Charges) as the SDK pages through
 * them: newest first, `created[gte]`, `status`, `limit` and `starting_after`,
 * `has_more`; a page is at most `pageSize` long whatever the limit asks, so
 * a few objects already span several pages. Only `key` is let in.
 */
export async function startFakeStripeLists(opts: { key: string; pageSize?: number }) {
  const objects: Record<string, Obj[]> = { "checkout.session": [], invoice: [], payment_intent: [], charge: [] };
  const server = await startFakeServer((req): Reply => {
    if (req.headers.authorization !== `Bearer ${opts.key}`) return { status: 401, body: { error: { type: "invalid_request_error", message: "Invalid API Key provided" } } };
    const kind = PATHS[req.path];
    if (!kind || req.method !== "GET") return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${req.path}).` } } };
    const gte = Number(req.query.get("created[gte]") ?? 0);
    const status = req.query.get("status");
    let list = objects[kind].filter((o) => o.created >= gte && (!status || o.status === status)).sort((a, b) => b.created - a.created || b.id.localeCompare(a.id));
    const after = req.query.get("starting_after");
    if (after) list = list.slice(list.findIndex((o) => o.id === after) + 1);
    const size = Math.min(Number(req.query.get("limit") ?? 10), opts.pageSize ?? 2);
    return { status: 200, body: { object: "list", url: req.path, has_more: list.length > size, data: list.slice(0, size) } };
  });
  return {
    ...server,
    add: (kind: keyof typeof objects, o: Obj) => objects[kind].push({ object: kind, livemode: false, ...o }),
    lists: () => server.seen.filter((r) => r.path in PATHS),
  };
}
