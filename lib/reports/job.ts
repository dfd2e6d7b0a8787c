import { runJob } from "@/lib/jobs/run-job";
import { JobState } from "@/models/JobState";
import { User } from "@/models/User";
import { reportPeriod, type ReportKind } from "./period";
import { mailer, sendReport } from "./send";

export const reportJobId = (kind: ReportKind, userId: unknown) => `report-${kind}:${String(userId)}`;

/**
 * Mails every report whose period closed and was not sent yet. The period key
 * is stored on the job state only after the send succeeded, so a failure is
 * retried on the next pass and a success is never repeated.
 */
export async function sendDueReports(now = new Date()): Promise<number> {
  if (!mailer()) return 0;
  let sent = 0;
  for (const kind of ["weekly", "monthly"] as const) {
    const period = reportPeriod(kind, now);
    const users = await User.find({ [`emailReports.${kind}`]: true }, { _id: 1 }).lean();
    if (!users.length) continue;
    const states = new Map((await JobState.find({ _id: { $in: users.map((u) => reportJobId(kind, u._id)) } }, { lastPeriod: 1, nextRunAt: 1 }).lean()).map((s) => [s._id, s]));
    for (const u of users) {
      const state = states.get(reportJobId(kind, u._id));
      if (state?.lastPeriod === period.key) continue;
      if (state?.nextRunAt && state.nextRunAt > now) continue; // backing off after a failed send
      const result = await runJob(
        reportJobId(kind, u._id),
        { job: `report-${kind}`, userId: u._id },
        async () => {
          const { to } = await sendReport(String(u._id), kind, { period });
          return { summary: `Sent the ${period.label} report to ${to}`, period: period.key, nextRunAt: new Date(now.getTime() + 3_600_000) };
        },
        { defaultIntervalMs: 3_600_000, now: () => now },
      );
      if (result.status === "ok") sent++;
    }
  }
  return sent;
}
