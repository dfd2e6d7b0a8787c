import { settleAllTeams } from "@/lib/billing/usage/job";
import { connectDb } from "@/lib/db";
import { runIntegration, jobId } from "@/lib/integrations/jobs";
import { runDueRetention } from "@/lib/privacy/retention-job";
import { sendDueReports } from "@/lib/reports/job";
import { Integration, type IntegrationKind } from "@/models/Integration";
import { JobState } from "@/models/JobState";
import { Website } from "@/models/Website";

const TICK_MS = Number(process.env.TRAILMARK_SCHEDULER_TICK_MS) || 60_000;

/**
 * One pass: every configured integration whose next run is due, then the
 * email reports, then data retention. Runs one job at a time: the store and the providers' rate
 * limits both prefer a steady trickle. Another process running the same pass
 * is harmless, the per-job lock lets only one of them run each job.
 */
export async function schedulerTick(now = new Date()): Promise<number> {
  await connectDb();
  const integrations = await Integration.find({ enabled: { $ne: false }, tokenEnc: { $exists: true } }, { websiteId: 1, kind: 1 }).lean();
  const states = new Map(
    (await JobState.find({ _id: { $in: integrations.map((i) => jobId(i.kind as IntegrationKind, i.websiteId)) } }, { nextRunAt: 1, lockedUntil: 1 }).lean()).map((s) => [s._id, s]),
  );
  let ran = 0;
  for (const i of integrations) {
    const state = states.get(jobId(i.kind as IntegrationKind, i.websiteId));
    if (state?.nextRunAt && state.nextRunAt > now) continue;
    if (state?.lockedUntil && state.lockedUntil > now) continue;
    const website = await Website.findOne({ _id: i.websiteId, deletedAt: { $exists: false } }, { domain: 1 }).lean();
    if (!website) continue;
    await runIntegration(website, i.kind as IntegrationKind);
    ran++;
  }
  ran += await sendDueReports(now);
  // Visitor-level data past each site's retention period, once a day per site.
  ran += await runDueRetention(now).catch((err) => {
    console.error("[retention] pass failed", err);
    return 0;
  });
  // Hosted billing: usage warnings and the over-limit grace follow this month's count.
  await settleAllTeams(now).catch((err) => console.error("[billing] usage pass failed", err));
  return ran;
}

let timer: NodeJS.Timeout | undefined;
let running = false;

/** Started once per server process from instrumentation.ts; TRAILMARK_SCHEDULER=off disables it (e.g. on extra replicas). */
export function startScheduler(): void {
  if (timer || process.env.TRAILMARK_SCHEDULER === "off") return;
  const tick = async () => {
    if (running) return; // a slow pass (rate-limit wait) must not overlap the next
    running = true;
    try {
      await schedulerTick();
    } catch (err) {
      console.error("[scheduler] pass failed", err);
    } finally {
      running = false;
    }
  };
  timer = setInterval(tick, TICK_MS);
  timer.unref();
  setTimeout(tick, Math.min(TICK_MS, 10_000)).unref();
}
