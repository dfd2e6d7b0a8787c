import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { Membership } from "@/models/Membership";
import { TeamBilling, type TeamBillingDoc } from "@/models/TeamBilling";
import { Website } from "@/models/Website";
import { billingConfig } from "../config";
import { settleUsage } from "../settle";
import { billingRecord } from "../state";
import { countMonthEventsByWebsite } from "./count";
import { monthOf } from "./month";

const tally = (ids: unknown[]) => {
  const out = new Map<string, number>();
  for (const id of ids) out.set(String(id), (out.get(String(id)) ?? 0) + 1);
  return out;
};

/**
 * The scheduler's usage pass (billing on): one engine scan counts this
 * month's events of every site, and each team with events, or still marked
 * over its plan, is settled: warnings mailed, the over-limit grace started
 * or ended. Returns how many teams it looked at.
 */
export async function settleAllTeams(now = new Date()): Promise<number> {
  const config = billingConfig();
  if (!config) return 0;
  await connectDb();
  const month = monthOf(now);
  const events = await countMonthEventsByWebsite(month);
  const active = await Website.find({ _id: { $in: [...events.keys()].filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id)) } }, { teamId: 1 }).lean();
  const marked = await TeamBilling.find({ overLimitSince: { $exists: true } }, { _id: 1 }).lean();
  const teamIds = [...new Set([...active.map((w) => String(w.teamId)), ...marked.map((d) => String(d._id))])].filter((id) => id !== "undefined");
  if (!teamIds.length) return 0;
  const oids = teamIds.map((id) => new Types.ObjectId(id));
  const sites = await Website.find({ teamId: { $in: oids }, deletedAt: { $exists: false } }, { teamId: 1 }).lean();
  const siteCount = tally(sites.map((s) => s.teamId));
  const memberTally = tally((await Membership.find({ teamId: { $in: oids } }, { teamId: 1 }).lean()).map((m) => m.teamId));
  const eventsByTeam = new Map<string, number>();
  for (const s of sites) eventsByTeam.set(String(s.teamId), (eventsByTeam.get(String(s.teamId)) ?? 0) + (events.get(String(s._id)) ?? 0));
  const docs = new Map((await TeamBilling.find({ _id: { $in: oids } }).lean<TeamBillingDoc[]>()).map((d) => [String(d._id), d]));
  for (const id of teamIds) {
    const doc = docs.get(id) ?? (await billingRecord(id, now, config));
    if (!doc) continue;
    await settleUsage(doc, { events: eventsByTeam.get(id) ?? 0, sites: siteCount.get(id) ?? 0, members: memberTally.get(id) ?? 0 }, month, config, now);
  }
  return teamIds.length;
}
