import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { Membership } from "@/models/Membership";
import { TeamBilling, type TeamBillingDoc } from "@/models/TeamBilling";
import { Website } from "@/models/Website";
import { billingConfig, daysMs, type BillingConfig } from "./config";
import { standingOf, type Standing } from "./standing";

const oid = (id: unknown) => new Types.ObjectId(String(id));

/**
 * Starts the team's free trial (no card) if it has no billing record yet: at
 * team creation, and for teams from before billing was turned on, the first
 * time their standing is looked at. An upsert on the team's id, so it happens
 * once however many requests race.
 */
export async function startTrial(teamId: unknown, now = new Date(), config: BillingConfig | null = billingConfig()): Promise<void> {
  if (!config) return;
  await connectDb();
  await TeamBilling.updateOne(
    { _id: oid(teamId) },
    { $setOnInsert: { trialEndsAt: new Date(now.getTime() + daysMs(config.trialDays)), retentionDays: config.trialPlan.retentionDays } },
    { upsert: true },
  );
}

/** The team's billing record, its trial started if this is the first look. */
export async function billingRecord(teamId: unknown, now = new Date(), config = billingConfig()): Promise<TeamBillingDoc | null> {
  if (!config) return null;
  await connectDb();
  const doc = await TeamBilling.findById(oid(teamId)).lean<TeamBillingDoc>();
  if (doc) return doc;
  await startTrial(teamId, now, config);
  return TeamBilling.findById(oid(teamId)).lean<TeamBillingDoc>();
}

/** The standing from the record alone (null with billing off): what every stats request checks. */
export async function teamStanding(teamId: unknown, now = new Date()): Promise<{ doc: TeamBillingDoc; standing: Standing; config: BillingConfig } | null> {
  const config = billingConfig();
  const doc = config && (await billingRecord(teamId, now, config));
  if (!config || !doc) return null;
  return { doc, config, standing: standingOf(doc, config, now.getTime()) };
}

/** The team's live websites (their ids), the unit usage is summed over. */
export async function teamWebsiteIds(teamId: unknown): Promise<string[]> {
  await connectDb();
  const sites = await Website.find({ teamId: oid(teamId), deletedAt: { $exists: false } }, { _id: 1 }).lean();
  return sites.map((s) => String(s._id));
}

export async function memberCount(teamId: unknown): Promise<number> {
  await connectDb();
  return Membership.countDocuments({ teamId: oid(teamId) });
}
