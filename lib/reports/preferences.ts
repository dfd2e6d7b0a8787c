import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { User } from "@/models/User";
import type { ReportKind } from "./period";
import { mailer } from "./send";

export type EmailReportsDTO = { weekly: boolean; monthly: boolean; email: string; smtpConfigured: boolean };

export async function getEmailReports(userId: string): Promise<EmailReportsDTO> {
  await connectDb();
  const user = await User.findById(userId, { email: 1, emailReports: 1 }).lean();
  if (!user) throw new ApiError(404, "not_found", "User not found");
  return { weekly: !!user.emailReports?.weekly, monthly: !!user.emailReports?.monthly, email: user.email, smtpConfigured: !!mailer() };
}

export async function updateEmailReports(userId: string, input: Partial<Record<ReportKind, boolean>>): Promise<EmailReportsDTO> {
  await connectDb();
  const $set = Object.fromEntries(Object.entries(input).map(([k, v]) => [`emailReports.${k}`, v]));
  if (Object.keys($set).length) await User.updateOne({ _id: userId }, { $set });
  return getEmailReports(userId);
}

export async function unsubscribe(userId: string, kind: ReportKind): Promise<void> {
  await connectDb();
  await User.updateOne({ _id: userId }, { $set: { [`emailReports.${kind}`]: false } });
}
