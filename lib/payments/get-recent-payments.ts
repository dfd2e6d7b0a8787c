import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { Payment } from "@/models/Payment";

export type RecentPayment = {
  transactionId: string; provider: string; amount: number; refundedAmount: number; currency: string; renewal: boolean;
  visitorId: string | null; matchedBy: string; channel: string | null; timestamp: string;
};
type Row = { transactionId: string; provider: string; amount: number; refundedAmount?: number; currency: string; renewal?: boolean; visitorId?: string; matchedBy?: string; firstTouch?: { channel?: string }; timestamp: Date };

/** The website's latest payments, newest first, with the visitor they were matched to. */
export async function getRecentPayments(websiteId: string, limit = 20): Promise<RecentPayment[]> {
  await connectDb();
  const rows = await Payment.find(
    { websiteId: new Types.ObjectId(websiteId) },
    { _id: 0, transactionId: 1, provider: 1, amount: 1, refundedAmount: 1, currency: 1, renewal: 1, visitorId: 1, matchedBy: 1, firstTouch: 1, timestamp: 1 },
  ).sort({ timestamp: -1 }).limit(limit).lean<Row[]>();
  return rows.map((p) => ({
    transactionId: p.transactionId, provider: p.provider, amount: p.amount, refundedAmount: p.refundedAmount ?? 0, currency: p.currency, renewal: !!p.renewal,
    visitorId: p.visitorId ?? null, matchedBy: p.matchedBy ?? "none", channel: p.firstTouch?.channel ?? null, timestamp: p.timestamp.toISOString(),
  }));
}
