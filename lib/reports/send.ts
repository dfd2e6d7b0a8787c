import nodemailer, { type Transporter } from "nodemailer";
import { connectDb } from "@/lib/db";
import { User } from "@/models/User";
import { Website } from "@/models/Website";
import { buildSiteReport } from "./build-report";
import { duePeriod, type ReportKind, type ReportPeriod } from "./period";
import { renderReport } from "./render";
import { unsubscribeUrl } from "./unsubscribe";

let transport: { url: string; t: Transporter } | undefined;

/** SMTP_URL, e.g. smtps://user:pass@smtp.example.com:465; unset means reports cannot be sent. */
export function mailer(): Transporter | null {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  if (transport?.url !== url) transport = { url, t: nodemailer.createTransport(url) };
  return transport.t;
}

export const reportsOrigin = () => (process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : "http://localhost:3000");

/** Builds and mails one user's report over all their websites; returns the message id. */
export async function sendReport(userId: string, kind: ReportKind, opts: { now?: Date; period?: ReportPeriod } = {}): Promise<{ messageId: string; to: string }> {
  const t = mailer();
  if (!t) throw new Error("SMTP_URL is not set: email reports cannot be sent");
  await connectDb();
  const user = await User.findById(userId, { email: 1, name: 1 }).lean();
  if (!user) throw new Error("user not found");
  const websites = await Website.find({ userId: user._id, deletedAt: { $exists: false } }, { name: 1, domain: 1, timezone: 1, currency: 1 }).sort({ createdAt: 1 }).lean();
  const period = opts.period ?? duePeriod(kind, opts.now ?? new Date(), websites.map((w) => w.timezone || "UTC"));
  const sites = [];
  for (const w of websites) sites.push(await buildSiteReport(w, period));
  const origin = reportsOrigin();
  const unsubscribe = unsubscribeUrl(origin, String(user._id), kind);
  const { subject, html, text } = renderReport({ period, sites, origin, unsubscribeUrl: unsubscribe, userName: user.name });
  const info = await t.sendMail({
    from: process.env.SMTP_FROM || "Trailmark <reports@localhost>",
    to: user.email,
    subject,
    html,
    text,
    list: { unsubscribe },
    headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  });
  return { messageId: info.messageId, to: user.email };
}
