import { describe, expect, it } from "vitest";
import { readBillingConfig } from "@/lib/billing/config";
import { effectiveRetentionDays } from "@/lib/billing/retention";
import { limitsExceeded, standingOf, warningLevel } from "@/lib/billing/standing";
import { TEST_PLANS } from "../../helpers/billing";

const config = readBillingConfig({ TRAILMARK_BILLING: "stripe", TRAILMARK_STRIPE_SECRET_KEY: "sk", TRAILMARK_STRIPE_WEBHOOK_SECRET: "wh", TRAILMARK_PLANS: JSON.stringify(TEST_PLANS), TRAILMARK_TRIAL_PLAN: "starter" })!;
const DAY = 86_400_000;
const now = Date.UTC(2026, 4, 20, 12);
const ago = (days: number) => new Date(now - days * DAY);

describe("standingOf", () => {
  it("a running trial has the trial plan's limits and no grace", () => {
    expect(standingOf({ trialEndsAt: ago(-3) }, config, now)).toMatchObject({ status: "trialing", trial: true, plan: { id: "starter" }, grace: null, locked: false });
  });

  it("a trial that ended without a plan: no plan, a grace period from its end, locked once it runs out", () => {
    const recent = standingOf({ trialEndsAt: ago(2) }, config, now);
    expect(recent).toMatchObject({ status: "none", plan: null, trial: false, locked: false, grace: { reason: "trial_ended" } });
    expect(recent.grace!.endsAt).toEqual(new Date(now + 5 * DAY));
    expect(standingOf({ trialEndsAt: ago(7) }, config, now).locked).toBe(true);
  });

  it("an active subscription uses its plan whatever the trial says; over the limit starts its own grace", () => {
    const active = { trialEndsAt: ago(30), status: "active" as const, planId: "growth" };
    expect(standingOf(active, config, now)).toMatchObject({ status: "active", plan: { id: "growth" }, trial: false, grace: null, locked: false });
    expect(standingOf({ ...active, overLimitSince: ago(6) }, config, now)).toMatchObject({ grace: { reason: "over_limit" }, locked: false });
    expect(standingOf({ ...active, overLimitSince: ago(8) }, config, now)).toMatchObject({ grace: { reason: "over_limit" }, locked: true });
  });

  it("past_due runs a grace from the first failure; the grace running out first is the one shown", () => {
    const due = standingOf({ trialEndsAt: ago(30), status: "past_due", planId: "growth", pastDueSince: ago(3), overLimitSince: ago(5) }, config, now);
    expect(due).toMatchObject({ status: "past_due", grace: { reason: "over_limit" }, locked: false });
    expect(standingOf({ trialEndsAt: ago(30), status: "past_due", planId: "growth", pastDueSince: ago(9) }, config, now)).toMatchObject({ grace: { reason: "payment_failed" }, locked: true });
  });

  it("a subscription that ended: canceled, grace from its end; a later trial end would not hide it", () => {
    const ended = standingOf({ trialEndsAt: ago(40), status: "canceled", planId: "growth", endedAt: ago(1) }, config, now);
    expect(ended).toMatchObject({ status: "canceled", plan: null, grace: { reason: "canceled", since: ago(1) }, locked: false });
  });
});

describe("limits and warnings", () => {
  const starter = config.plans[0];
  it("names each limit the team is over, and none without a plan", () => {
    expect(limitsExceeded(starter, { events: 10, sites: 1, members: 2 })).toEqual([]);
    expect(limitsExceeded(starter, { events: 11, sites: 2, members: 3 })).toEqual(["events", "sites", "members"]);
    expect(limitsExceeded(null, { events: 1e9, sites: 99, members: 99 })).toEqual([]);
    expect(limitsExceeded({ ...starter, monthlyEvents: null, sites: null, members: null }, { events: 1e9, sites: 99, members: 99 })).toEqual([]);
  });

  it("warns from 80 % and at 100 % of the month's events", () => {
    expect([0, 79, 80, 99, 100, 250].map((e) => warningLevel(e, 100))).toEqual([0, 0, 80, 80, 100, 100]);
    expect(warningLevel(1e9, null)).toBe(0);
  });
});

describe("retention", () => {
  it("a site keeps its data for the shorter of its own retention and its plan's (null: forever)", () => {
    expect(effectiveRetentionDays(null, 365)).toBe(365);
    expect(effectiveRetentionDays(90, 365)).toBe(90);
    expect(effectiveRetentionDays(800, 365)).toBe(365);
    expect(effectiveRetentionDays(30, null)).toBe(30);
    expect(effectiveRetentionDays(undefined, null)).toBeNull();
  });
});
