// Signed webhook deliveries, made the way each provider makes them: Stripe's
// own test-header helper, the standardwebhooks library for Polar (Polar signs
// with its secret's UTF-8 bytes), and the documented HMACs for LemonSqueezy
// (hex of the body) and Paddle (hex of "ts:body").
import { createHmac, randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { Webhook } from "standardwebhooks";
import Stripe from "stripe";
import { expect } from "vitest";
import { createSite, uniqueDomain } from "./api";
import { newUser } from "./client";
import { eventually } from "./eventually";
import { postTrack } from "./track";

export type Provider = "stripe" | "lemonsqueezy" | "polar" | "paddle";
export type Delivery = { body: string; headers: Record<string, string> };

export const SECRETS: Record<Provider, string> = {
  stripe: `whsec_${randomBytes(24).toString("base64")}`,
  lemonsqueezy: `ls-signing-${randomBytes(8).toString("hex")}`,
  polar: `polar_whs_${randomBytes(18).toString("base64url")}`,
  paddle: `pdl_ntfset_01h${randomBytes(10).toString("hex")}_${randomBytes(12).toString("base64url")}`,
};

const now = () => Math.floor(Date.now() / 1000);

export function signStripe(payload: object | string, opts: { secret?: string; timestamp?: number } = {}): Delivery {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload, null, 2);
  const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: opts.secret ?? SECRETS.stripe, timestamp: opts.timestamp ?? now() });
  return { body, headers: { "stripe-signature": header } };
}

export function signLemonSqueezy(payload: object | string, opts: { secret?: string } = {}): Delivery {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const signature = createHmac("sha256", opts.secret ?? SECRETS.lemonsqueezy).update(body).digest("hex");
  const eventName = typeof payload === "string" ? "" : String((payload as { meta?: { event_name?: string } }).meta?.event_name ?? "");
  return { body, headers: { "x-signature": signature, "x-event-name": eventName } };
}

export function signPolar(payload: object | string, opts: { secret?: string; timestamp?: number; id?: string } = {}): Delivery {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const id = opts.id ?? `msg_${randomBytes(12).toString("hex")}`;
  const at = new Date((opts.timestamp ?? now()) * 1000);
  const signer = new Webhook(Buffer.from(opts.secret ?? SECRETS.polar, "utf8").toString("base64"));
  return { body, headers: { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signer.sign(id, at, body) } };
}

export function signPaddle(payload: object | string, opts: { secret?: string; timestamp?: number } = {}): Delivery {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const ts = opts.timestamp ?? now();
  const h1 = createHmac("sha256", opts.secret ?? SECRETS.paddle).update(`${ts}:${body}`).digest("hex");
  return { body, headers: { "paddle-signature": `ts=${ts};h1=${h1}` } };
}

export function deliver(baseUrl: string, provider: Provider, websiteId: string, d: Delivery): Promise<Response> {
  return fetch(`${baseUrl}/api/webhooks/${provider}/${websiteId}`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": `${provider}-webhooks/1.0`, ...d.headers },
    body: d.body,
  });
}

/** The delivery was accepted (200) and the handler did `outcome` (a prefix is enough). */
export async function expectHandled(res: Response, outcome?: string): Promise<{ received: true; outcome?: string; duplicate?: boolean }> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const body = JSON.parse(text);
  if (outcome !== undefined) expect(body.outcome ?? "").toMatch(new RegExp(`^${outcome}`));
  return body;
}

/** A signed-up owner with a site whose four provider secrets are saved through the dashboard API. */
export async function siteWithProviders(baseUrl: string, providers: Provider[] = ["stripe", "lemonsqueezy", "polar", "paddle"]) {
  const owner = await newUser(baseUrl);
  const domain = uniqueDomain("shop");
  const site = await createSite(owner.client, { domain, name: "Shop" });
  const res = await owner.client.patch(`/api/websites/${site.id}`, { paymentProviders: Object.fromEntries(providers.map((p) => [p, { webhookSecret: SECRETS[p] }])) });
  expect(res.status, await res.clone().text()).toBe(200);
  return { owner, websiteId: site.id, domain };
}

/** A visitor who arrived from a campaign and, optionally, identified; waits until their session is stored. */
export async function trackVisitor(
  baseUrl: string,
  db: mongoose.Connection,
  site: { websiteId: string; domain: string },
  opts: { utmSource?: string; referrer?: string; userId?: string; email?: string } = {},
) {
  const visitorId = `v${randomBytes(6).toString("hex")}`;
  const sessionId = `s${randomBytes(6).toString("hex")}`;
  const url = `https://${site.domain}/pricing${opts.utmSource ? `?utm_source=${opts.utmSource}&utm_medium=email&utm_campaign=launch` : ""}`;
  const base = { websiteId: site.websiteId, url, visitorId, sessionId };
  expect((await postTrack(baseUrl, { ...base, type: "pageview", referrer: opts.referrer })).status).toBe(202);
  if (opts.userId || opts.email) expect((await postTrack(baseUrl, { ...base, type: "identify", userId: opts.userId, email: opts.email })).status).toBe(202);
  const wid = new mongoose.Types.ObjectId(site.websiteId);
  await eventually(async () => {
    expect(await db.collection("sessions").countDocuments({ _id: `${site.websiteId}:${sessionId}` } as object)).toBe(1);
    if (opts.userId || opts.email) expect(await db.collection("identities").countDocuments({ websiteId: wid, visitorId })).toBe(1);
  });
  return { visitorId, sessionId };
}

export const paymentsOf = (db: mongoose.Connection, websiteId: string) =>
  db.collection("payments").find({ websiteId: new mongoose.Types.ObjectId(websiteId) }).toArray();

export const markersOf = (db: mongoose.Connection, websiteId: string) =>
  db.collection("goalevents").find({ websiteId: new mongoose.Types.ObjectId(websiteId), name: { $in: ["payment", "renewal", "refund"] } }).toArray();

export const uid = (prefix: string) => `${prefix}${randomBytes(8).toString("hex")}`;
