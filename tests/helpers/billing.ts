// Billing on, against the local Stripe stand-in: plans small enough to
// outgrow in a test, an app started with them, and the team's billing record
// read (or moved in time) straight in the app's store.
import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { expect } from "vitest";
import { startApp, type TestApp } from "./app";
import type { Client } from "./client";
import { startFakeStripe, type FakeStripe } from "./fake/stripe";

export const TEST_PLANS = [
  { id: "starter", name: "Starter", monthlyEvents: 10, sites: 1, members: 2, retentionDays: 365, monthlyPriceId: "price_starter_m", yearlyPriceId: "price_starter_y", monthlyPrice: "$9", yearlyPrice: "$90" },
  { id: "growth", name: "Growth", monthlyEvents: 1000, sites: 5, members: 5, retentionDays: 1095, monthlyPriceId: "price_growth_m", yearlyPriceId: "price_growth_y", monthlyPrice: "$19", yearlyPrice: "$190" },
];
export const PRICES = TEST_PLANS.flatMap((p) => [p.monthlyPriceId, p.yearlyPriceId]);

export function billingEnv(stripe: { url: string }, keys: { secretKey: string; webhookSecret: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TRAILMARK_BILLING: "stripe",
    TRAILMARK_STRIPE_SECRET_KEY: keys.secretKey,
    TRAILMARK_STRIPE_WEBHOOK_SECRET: keys.webhookSecret,
    TRAILMARK_STRIPE_API_URL: stripe.url,
    TRAILMARK_PLANS: JSON.stringify(TEST_PLANS),
    TRAILMARK_TRIAL_PLAN: "starter",
    TRAILMARK_TRIAL_DAYS: "14",
    TRAILMARK_BILLING_GRACE_DAYS: "7",
    // The scheduler's usage pass is exercised in-process; here it must not race the tests' own reads.
    TRAILMARK_SCHEDULER: "off",
    ...extra,
  };
}

export type BillingApp = { app: TestApp; stripe: FakeStripe; db: mongoose.Connection; stop: () => Promise<void> };

/** The app with billing on, its Stripe stand-in delivering to /api/billing/webhook, and a connection to its store. */
export async function startBillingApp(label: string, env: Record<string, string> = {}): Promise<BillingApp> {
  const keys = { secretKey: `sk_test_${randomBytes(12).toString("hex")}`, webhookSecret: `whsec_${randomBytes(24).toString("base64")}` };
  const stripe = await startFakeStripe({ ...keys, prices: PRICES });
  const app = await startApp({ label, env: billingEnv(stripe, keys, env) });
  stripe.webhookTo(`${app.url}/api/billing/webhook`);
  const db = await mongoose.createConnection(app.dbUri).asPromise();
  return {
    app, stripe, db,
    stop: async () => {
      await db.close();
      await app.stop();
      await stripe.close();
    },
  };
}

export type Usage = { month: string; events: number; limit: number | null; plan: string | null; status: string };

export async function getUsage(client: Client, teamId: string): Promise<Usage> {
  const res = await client.get(`/api/teams/${teamId}/usage`);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as Usage;
}

export async function getBilling(client: Client, teamId: string) {
  const res = await client.get(`/api/teams/${teamId}/billing`);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as {
    status: string; trial: boolean; plan: { id: string } | null; interval: string | null; grace: { reason: string; endsAt: string } | null; locked: boolean;
    cancelAtPeriodEnd: boolean; overLimit: string[]; usage: { events: number; limit: number | null }; sites: { used: number; limit: number | null }; portal: boolean;
  };
}

/** The team's billing record as the store holds it. */
export const billingDoc = (db: mongoose.Connection, teamId: string) => db.collection("teambillings").findOne({ _id: new mongoose.Types.ObjectId(teamId) });

/** Moves one of the record's dates `days` into the past: the passage of time, for trial ends and grace periods. */
export async function backdate(db: mongoose.Connection, teamId: string, field: "trialEndsAt" | "overLimitSince" | "pastDueSince", days: number): Promise<void> {
  await db.collection("teambillings").updateOne({ _id: new mongoose.Types.ObjectId(teamId) }, { $set: { [field]: new Date(Date.now() - days * 86_400_000) } });
}

/** Opens Checkout for the team through the API and pays on the stand-in's page (as the browser does, by POSTing its form). */
export async function subscribe(owner: Client, stripe: FakeStripe, teamId: string, plan: string, interval: "month" | "year" = "month"): Promise<string> {
  const res = await owner.post(`/api/teams/${teamId}/billing/checkout`, { plan, interval });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const { url } = JSON.parse(text) as { url: string };
  expect(url.startsWith(`${stripe.url}/checkout/`)).toBe(true);
  const paid = await fetch(`${url}/pay`, { method: "POST", redirect: "manual" });
  expect(paid.status).toBe(303);
  expect(paid.headers.get("location")).toContain(`/team/${teamId}`);
  const session = [...stripe.sessions.values()].find((s) => s.url === url)!;
  return String(session.subscription);
}
