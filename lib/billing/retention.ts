import { billingConfig } from "./config";
import { billingRecord } from "./state";

/**
 * The data retention the team's plan allows, in days (null: no limit, also
 * with billing off). Kept on the team's billing record whenever its plan
 * changes; the retention job reads it beside each site's own
 * settings.retentionDays and keeps the shorter.
 */
export async function planRetentionDays(teamId: unknown): Promise<number | null> {
  if (!billingConfig()) return null;
  const doc = await billingRecord(teamId);
  return doc?.retentionDays ?? null;
}

/** The shorter of a site's own retention and its plan's (null: forever). */
export function effectiveRetentionDays(siteDays: number | null | undefined, planDays: number | null): number | null {
  if (siteDays == null) return planDays;
  if (planDays == null) return siteDays;
  return Math.min(siteDays, planDays);
}
