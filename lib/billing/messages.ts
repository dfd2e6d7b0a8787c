import type { Grace, GraceReason } from "./standing";

const date = (d: Date) => d.toLocaleDateString("en-US", { month: "long", day: "numeric", timeZone: "UTC" });

/** Why the team's stats are (or are about to be) locked, in one sentence; the same words on the page, in the banner and in API errors. */
export const GRACE_CAUSE: Record<GraceReason, string> = {
  trial_ended: "The team's free trial has ended",
  canceled: "The team's subscription has ended",
  payment_failed: "A payment for the team's subscription failed",
  over_limit: "The team uses more than its plan includes",
};

/** What the locked dashboard says: the cause, that nothing is lost, and what opens it. */
export function lockedMessage(reason: GraceReason): string {
  const fix = reason === "payment_failed" ? "update the card in the billing portal" : reason === "over_limit" ? "upgrade to a plan that fits" : "choose a plan";
  return `${GRACE_CAUSE[reason]}. Tracking goes on and nothing is lost: ${fix} to see the stats again.`;
}

/** The warning while a grace period runs. */
export function graceMessage(grace: Grace): string {
  return `${GRACE_CAUSE[grace.reason]}. Tracking goes on; stats lock on ${date(grace.endsAt)} unless the plan fits by then.`;
}
