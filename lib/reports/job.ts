import { runJob } from "@/lib/jobs/run-job";
import { JobState } from "@/models/JobState";
import { User } from "@/models/User";
import { Website } from "@/models/Website";
import { duePeriod, type ReportKind } from "./period";
import { mailer, sendReport } from "./send";

export const reportJobId = (kind: ReportKind, userId: unknown) => `report-${kind}:${String(userId)}`;

/** Each user's sites' time zones: a user's report is due when the period has ended in all of them. */
async function zonesByUser(userIds: unknown[]): Promise<Map<string, string[]>> {
  const sites = await Website.find({ userId: { $in: userIds }, deletedAt: { $exists: false } }, { userId: 1, timezone: 1 }).lean();
  const zones = new Map<string, string[]>();
  for (const s of sites) zones.set(String(s.userId), [...(zones.get(String(s.userId)) ?? []), s.timezone || "UTC"]);
  return zones;
}

/**
 * Mails every report whose period closed in its sites' time zones and was not
 * sent yet. The period key is stored on the job state only after the send
 * succeeded, so a failure is retried on the next pass and a success is never
 * repeated. Keys sort by date, and a key at or before the one sent is skipped:
 * a site added further west can move the due period back a week, and that
 * week went out already.
 */
export async function sendDueReports(now = new Date()): Promise<number> {
  if (!mailer()) return 0;
  let sent = 0;
  for (const kind of ["weekly", "monthly"] as const) {
    const users = await User.find({ [`emailReports.${kind}`]: true }, { _id: 1 }).lean();
    if (!users.length) continue;
    const zones = await zonesByUser(users.map((u) => u._id));
    const states = new Map((await JobState.find({ _id: { $in: users.map((u) => reportJobId(kind, u._id)) } }, { lastPeriod: 1, nextRunAt: 1 }).lean()).map((s) => [s._id, s]));
    for (const u of users) {
      const period = duePeriod(kind, now, zones.get(String(u._id)) ?? []);
      const state = states.get(reportJobId(kind, u._id));
      if (state?.lastPeriod && state.lastPeriod >= period.key) continue;
      if (state?.nextRunAt && state.nextRunAt > now) continue; // backing off after a failed send
      const result = await runJob(
        reportJobId(kind, u._id),
        { job: `report-${kind}`, userId: u._id },
        async () => {
          const { to } = await sendReport(String(u._id), kind, { period });
          // No wait after a success: the period key decides the next send, at the end of the next period.
          return { summary: `Sent the ${period.label} report to ${to}`, period: period.key, nextRunAt: now };
        },
        { defaultIntervalMs: 3_600_000, now: () => now },
      );
      if (result.status === "ok") sent++;
    }
  }
  return sent;
}
