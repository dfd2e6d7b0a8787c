import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { readBillingConfig } from "@/lib/billing/config";
import { parsePlans, planOfPrice } from "@/lib/billing/plans";

const root = path.resolve(import.meta.dirname, "../../..");
const example = parseEnv(readFileSync(path.join(root, ".env.example"), "utf8"));
const plan = { id: "solo", name: "Solo", monthlyEvents: 5000, sites: 1, members: 1, retentionDays: 365, monthlyPriceId: "price_a", yearlyPriceId: "price_b" };
const env = (extra: Record<string, string>) => ({ TRAILMARK_BILLING: "stripe", TRAILMARK_STRIPE_SECRET_KEY: "sk_test_1", TRAILMARK_STRIPE_WEBHOOK_SECRET: "whsec_1", TRAILMARK_PLANS: JSON.stringify([plan]), ...extra });

describe("billing configuration", () => {
  it("is off unless TRAILMARK_BILLING=stripe, which is what .env.example ships", () => {
    expect(example.TRAILMARK_BILLING).toBe("");
    expect(readBillingConfig({ ...example })).toBeNull();
    expect(readBillingConfig({})).toBeNull();
  });

  it(".env.example's plans are a sensible set: growing limits, a price per interval, the trial on one of them", () => {
    const plans = parsePlans(example.TRAILMARK_PLANS!, "TRAILMARK_PLANS");
    expect(plans.map((p) => p.id)).toEqual(["starter", "growth", "business"]);
    for (const [a, b] of [[plans[0], plans[1]], [plans[1], plans[2]]]) {
      expect(b.monthlyEvents!).toBeGreaterThan(a.monthlyEvents!);
      expect(b.sites!).toBeGreaterThan(a.sites!);
    }
    const config = readBillingConfig({ ...example, TRAILMARK_BILLING: "stripe", TRAILMARK_STRIPE_SECRET_KEY: "sk", TRAILMARK_STRIPE_WEBHOOK_SECRET: "wh" })!;
    expect(config).toMatchObject({ trialDays: 14, graceDays: 7, trialPlan: { id: "growth" }, endpoint: undefined });
  });

  it("reads plans from a file, names the Stripe endpoint, and maps a price back to its plan and interval", () => {
    const config = readBillingConfig(env({ TRAILMARK_PLANS: "", TRAILMARK_PLANS_FILE: path.join(root, "tests/lib/billing/plans.fixture.json"), TRAILMARK_STRIPE_API_URL: "http://127.0.0.1:12111" }))!;
    expect(config.plans.map((p) => p.id)).toEqual(["team", "agency"]);
    expect(config.trialPlan.id).toBe("team");
    expect(config.endpoint).toEqual({ host: "127.0.0.1", port: 12111, protocol: "http" });
    expect(planOfPrice(config.plans, "price_agency_year")).toMatchObject({ plan: { id: "agency" }, interval: "year" });
    expect(planOfPrice(config.plans, "price_other")).toBeNull();
  });

  it("says what to fix when it is wrong", () => {
    expect(() => readBillingConfig({ TRAILMARK_BILLING: "paddle" })).toThrow(/must be "stripe"/);
    expect(() => readBillingConfig(env({ TRAILMARK_STRIPE_WEBHOOK_SECRET: "" }))).toThrow(/TRAILMARK_STRIPE_WEBHOOK_SECRET/);
    expect(() => readBillingConfig(env({ TRAILMARK_PLANS: "" }))).toThrow(/TRAILMARK_PLANS/);
    expect(() => readBillingConfig(env({ TRAILMARK_PLANS: "[{" }))).toThrow(/not valid JSON/);
    expect(() => readBillingConfig(env({ TRAILMARK_PLANS: JSON.stringify([{ ...plan, monthlyEvents: -1 }]) }))).toThrow(/0\.monthlyEvents/);
    expect(() => readBillingConfig(env({ TRAILMARK_PLANS: JSON.stringify([plan, { ...plan, id: "duo" }]) }))).toThrow(/price price_a appears twice/);
    expect(() => readBillingConfig(env({ TRAILMARK_TRIAL_PLAN: "gold" }))).toThrow(/not one of the plans \(solo\)/);
    expect(() => readBillingConfig(env({ TRAILMARK_BILLING_GRACE_DAYS: "a week" }))).toThrow(/TRAILMARK_BILLING_GRACE_DAYS/);
  });
});
