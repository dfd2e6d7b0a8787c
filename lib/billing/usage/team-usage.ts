import type { TeamBillingDoc } from "@/models/TeamBilling";
import { billingConfig } from "../config";
import { settleUsage, type Used } from "../settle";
import type { BillingStatus, Standing } from "../standing";
import { billingRecord, memberCount, teamWebsiteIds } from "../state";
import { countMonthEvents } from "./count";
import { monthOf } from "./month";

/** GET /api/teams/{id}/usage. */
export type TeamUsage = { month: string; events: number; limit: number | null; plan: string | null; status: BillingStatus };

/**
 * This month's events of the team's sites (UTC calendar month), with its plan
 * and status when billing is on (else no limit, no plan, status "none").
 * Looking also settles the record: the over-limit grace and usage warnings
 * follow what was just counted.
 */
export async function teamUsage(teamId: unknown, now = new Date()): Promise<{ usage: TeamUsage; used: Used; standing: Standing | null; doc: TeamBillingDoc | null }> {
  const month = monthOf(now);
  const sites = await teamWebsiteIds(teamId);
  const events = await countMonthEvents(sites, month);
  const config = billingConfig();
  const doc = config && (await billingRecord(teamId, now, config));
  const used: Used = { events, sites: sites.length, members: config ? await memberCount(teamId) : 0 };
  if (!config || !doc) return { usage: { month: month.key, events, limit: null, plan: null, status: "none" }, used, standing: null, doc: null };
  const settled = await settleUsage(doc, used, month, config, now);
  const { standing } = settled;
  const usage: TeamUsage = { month: month.key, events, limit: standing.plan?.monthlyEvents ?? null, plan: standing.plan?.id ?? null, status: standing.status };
  return { usage, used, standing, doc: settled.doc };
}
