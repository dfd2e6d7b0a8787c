import { billingConfig } from "@/lib/billing/config";
import { connectDb } from "@/lib/db";
import { runJob } from "@/lib/jobs/run-job";
import { JobState } from "@/models/JobState";
import { Website } from "@/models/Website";
import { applyRetention, heldFrom, retentionDaysOf, type RetentionSite } from "./retention";

const DAY_MS = 86_400_000;
export const retentionJobId = (websiteId: unknown) => `retention:${String(websiteId)}`;

/**
 * The daily retention pass: every site that keeps its data for a limited
 * time (its own setting, or its plan's on the hosted service) whose pass is
 * due. Each site's pass runs under its own lock, so several app processes
 * never delete the same site's data at once. Returns how many passes ran.
 */
export async function runDueRetention(now = new Date()): Promise<number> {
  await connectDb();
  // Without billing only a site's own setting limits retention, so only those sites are read.
  const filter = billingConfig() ? { deletedAt: { $exists: false } } : { deletedAt: { $exists: false }, "settings.retentionDays": { $gt: 0 } };
  const sites = await Website.find(filter, { teamId: 1, userId: 1, timezone: 1, settings: 1 }).lean<RetentionSite[]>();
  const states = new Map((await JobState.find({ _id: { $in: sites.map((s) => retentionJobId(s._id)) } }, { nextRunAt: 1 }).lean()).map((s) => [String(s._id), s]));
  let ran = 0;
  for (const site of sites) {
    const due = states.get(retentionJobId(site._id))?.nextRunAt;
    if (due && due > now) continue;
    const days = await retentionDaysOf(site);
    if (days == null) continue;
    await runRetentionFor(site, days, now);
    ran++;
  }
  return ran;
}

/** One site's pass, locked and recorded on its JobState (last run, result, next run a day later). */
export function runRetentionFor(site: RetentionSite, days: number, now = new Date()) {
  const cutoff = heldFrom(days, site.timezone || "UTC", now);
  return runJob(
    retentionJobId(site._id),
    { job: "retention", websiteId: site._id },
    async () => {
      const done = await applyRetention(site, cutoff.at);
      return { summary: `kept from ${cutoff.day}: ${done.sessions} visits, ${done.pageviews} pageviews and ${done.goals} goals deleted, ${done.payments} payments unlinked` };
    },
    { defaultIntervalMs: DAY_MS, now: () => now },
  );
}
