import { loadPlans, type Plan } from "./plans";

/** Where the Stripe SDK sends its calls: Stripe itself unless TRAILMARK_STRIPE_API_URL names another server (a proxy, or a test stand-in). */
export type StripeEndpoint = { host: string; port: number; protocol: "http" | "https" };

export type BillingConfig = {
  plans: Plan[];
  /** Whose limits a team has during its free trial. */
  trialPlan: Plan;
  trialDays: number;
  /** How long a team may stay over its plan, behind on payment or past its trial before its dashboard locks. */
  graceDays: number;
  secretKey: string;
  webhookSecret: string;
  endpoint?: StripeEndpoint;
};

const DAY_MS = 86_400_000;
export const daysMs = (days: number) => days * DAY_MS;

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of days, got "${value}"`);
  return n;
}

function endpointOf(url: string | undefined): StripeEndpoint | undefined {
  if (!url) return undefined;
  const u = new URL(url);
  const protocol = u.protocol === "http:" ? "http" : "https";
  return { host: u.hostname, port: Number(u.port) || (protocol === "http" ? 80 : 443), protocol };
}

/** Reads the billing settings; throws on a misconfiguration with what to fix. */
export function readBillingConfig(env: Record<string, string | undefined> = process.env): BillingConfig | null {
  const mode = env.TRAILMARK_BILLING?.trim() ?? "";
  if (mode === "" || mode === "off") return null;
  if (mode !== "stripe") throw new Error(`TRAILMARK_BILLING must be "stripe" or empty, got "${mode}"`);
  const secretKey = env.TRAILMARK_STRIPE_SECRET_KEY ?? "";
  const webhookSecret = env.TRAILMARK_STRIPE_WEBHOOK_SECRET ?? "";
  if (!secretKey || !webhookSecret) throw new Error("TRAILMARK_BILLING=stripe needs TRAILMARK_STRIPE_SECRET_KEY and TRAILMARK_STRIPE_WEBHOOK_SECRET");
  const plans = loadPlans(env);
  const trialId = env.TRAILMARK_TRIAL_PLAN?.trim();
  const trialPlan = trialId ? plans.find((p) => p.id === trialId) : plans[0];
  if (!trialPlan) throw new Error(`TRAILMARK_TRIAL_PLAN names "${trialId}", which is not one of the plans (${plans.map((p) => p.id).join(", ")})`);
  return {
    plans,
    trialPlan,
    trialDays: positiveInt(env.TRAILMARK_TRIAL_DAYS, 14, "TRAILMARK_TRIAL_DAYS"),
    graceDays: positiveInt(env.TRAILMARK_BILLING_GRACE_DAYS, 7, "TRAILMARK_BILLING_GRACE_DAYS"),
    secretKey,
    webhookSecret,
    endpoint: endpointOf(env.TRAILMARK_STRIPE_API_URL || undefined),
  };
}

const KEYS = ["TRAILMARK_BILLING", "TRAILMARK_STRIPE_SECRET_KEY", "TRAILMARK_STRIPE_WEBHOOK_SECRET", "TRAILMARK_STRIPE_API_URL", "TRAILMARK_PLANS", "TRAILMARK_PLANS_FILE", "TRAILMARK_TRIAL_PLAN", "TRAILMARK_TRIAL_DAYS", "TRAILMARK_BILLING_GRACE_DAYS"];
let cached: { key: string; config: BillingConfig | null } | undefined;

/**
 * Billing as configured, or null when it is off (the default, for
 * self-hosting: no plans, no limits, no billing pages). A misconfiguration
 * is logged once and leaves billing off rather than taking the app down.
 */
export function billingConfig(): BillingConfig | null {
  const key = KEYS.map((k) => process.env[k] ?? "").join("\u0000");
  if (cached?.key === key) return cached.config;
  let config: BillingConfig | null = null;
  try {
    config = readBillingConfig();
  } catch (err) {
    console.error(`[billing] off: ${(err as Error).message}`);
  }
  cached = { key, config };
  return config;
}

export const billingEnabled = () => billingConfig() !== null;
