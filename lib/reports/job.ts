import { runJob } from "@/lib/jobs/run-job";
import { ensurePersonalTeam } from "@/lib/teams/personal";
import { JobState } from "@/models/JobState";
import { Membership } from "@/models/Membership";
import { User } from "@/models/User";
import { Website } from "@/models/Website";
import { duePeriod, type ReportKind } from "./period";
import { mailer, sendReport } from "./send";

export const reportJobId = (kind: ReportKind, userId: unknown) => `report-${kind}:${String(userId)}`;

/** The time zones of each user's sites (those of all their teams): a report is due when the period has ended in all of them. */
async function zonesByUser(userIds: unknown[]): Promise<Map<string, string[]>> {
  const ms = await Membership.find({ userId: { $in: userIds } }, { userId: 1, teamId: 1 }).lean();
  const sites = await Website.find({ teamId: { $in: [...new Set(ms.map((m) => String(m.teamId)))] }, deletedAt: { $exists: false } }, { teamId: 1, timezone: 1 }).lean();
  const byTeam = new Map<string, string[]>();
  for (const s of sites) byTeam.set(String(s.teamId), [...(byTeam.get(String(s.teamId)) ?? []), s.timezone || "UTC"]);
  const zones = new Map<string, string[]>();
  for (const m of ms) zones.set(String(m.userId), [...(zones.get(String(m.userId)) ?? []), ...(byTeam.get(String(m.teamId)) ?? [])]);
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
    const users = await User.find({ [`emailReports.${kind}`]: true }, { _id: 1, teamsReady: 1 }).lean();
    if (!users.length) continue;
    for (const u of users) if (!u.teamsReady) await ensurePersonalTeam(u._id);
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
