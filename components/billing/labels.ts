import type { PlanDTO } from "@/lib/billing/overview";
import type { BillingStatus } from "@/lib/billing/standing";

const integer = new Intl.NumberFormat("en-US");

export const STATUS_LABEL: Record<BillingStatus, string> = {
  none: "No plan",
  trialing: "Trial",
  active: "Active",
  past_due: "Payment failed",
  canceled: "Canceled",
};

export const statusVariant = (s: BillingStatus) => (s === "active" ? "success" : s === "past_due" || s === "canceled" || s === "none" ? "destructive" : "secondary") as "success" | "destructive" | "secondary";

const count = (n: number | null, one: string, many: string) => (n === null ? `Unlimited ${many}` : `${integer.format(n)} ${n === 1 ? one : many}`);

function retention(days: number | null): string {
  if (days === null) return "Data kept forever";
  if (days % 365 === 0) return `Data kept ${days / 365} year${days === 365 ? "" : "s"}`;
  if (days % 30 === 0) return `Data kept ${days / 30} month${days === 30 ? "" : "s"}`;
  return `Data kept ${days} days`;
}

/** A plan's limits, one line each, as the plan cards list them. */
export function planFeatures(p: Pick<PlanDTO, "monthlyEvents" | "sites" | "members" | "retentionDays">): string[] {
  return [
    p.monthlyEvents === null ? "Unlimited events" : `${integer.format(p.monthlyEvents)} events a month`,
    count(p.sites, "site", "sites"),
    count(p.members, "member", "members"),
    retention(p.retentionDays),
  ];
}

export const formatDay = (iso: string) => new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric" });

/** Whole days from now until `iso` (0 once it is past). */
export const daysUntil = (iso: string, now: number) => Math.max(0, Math.ceil((Date.parse(iso) - now) / 86_400_000));
