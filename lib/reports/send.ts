import { connectDb } from "@/lib/db";
import { appOrigin, mailer, mailFrom } from "@/lib/mail/transport";
import { membershipsOf } from "@/lib/teams/membership";
import { ensurePersonalTeam } from "@/lib/teams/personal";
import { User } from "@/models/User";
import { Website } from "@/models/Website";
import { buildSiteReport } from "./build-report";
import { duePeriod, type ReportKind, type ReportPeriod } from "./period";
import { renderReport } from "./render";
import { unsubscribeUrl } from "./unsubscribe";

export { mailer };
export const reportsOrigin = appOrigin;

/** Builds and mails one user's report over the websites of all their teams; returns the message id. */
export async function sendReport(userId: string, kind: ReportKind, opts: { now?: Date; period?: ReportPeriod } = {}): Promise<{ messageId: string; to: string }> {
  const t = mailer();
  if (!t) throw new Error("SMTP_URL is not set: email reports cannot be sent");
  await connectDb();
  const user = await User.findById(userId, { email: 1, name: 1, teamsReady: 1 }).lean();
  if (!user) throw new Error("user not found");
  // Every site of every team the user is in (sites from before teams are moved into theirs first).
  if (!user.teamsReady) await ensurePersonalTeam(user._id);
  const teamIds = (await membershipsOf(String(user._id))).map((m) => m.teamId);
  const websites = await Website.find({ teamId: { $in: teamIds }, deletedAt: { $exists: false } }, { name: 1, domain: 1, timezone: 1, currency: 1 }).sort({ createdAt: 1 }).lean();
  const period = opts.period ?? duePeriod(kind, opts.now ?? new Date(), websites.map((w) => w.timezone || "UTC"));
  const sites = [];
  for (const w of websites) sites.push(await buildSiteReport(w, period));
  const origin = reportsOrigin();
  const unsubscribe = unsubscribeUrl(origin, String(user._id), kind);
  const { subject, html, text } = renderReport({ period, sites, origin, unsubscribeUrl: unsubscribe, userName: user.name });
  const info = await t.sendMail({
    from: mailFrom(),
    to: user.email,
    subject,
    html,
    text,
    list: { unsubscribe },
    headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  });
  return { messageId: info.messageId, to: user.email };
}
