import { Types } from "mongoose";
import { insertExtraGoal } from "@/lib/engine/events";
import { GoalEvent } from "@/models/GoalEvent";
import { Session, sessionKey } from "@/models/Session";
import { markerObjectId, upsertRetrying } from "./ids";
import type { Touch } from "./types";

export type MarkerPayment = {
  websiteId: Types.ObjectId;
  provider: string;
  transactionId: string;
  currency: string;
  renewal?: boolean | null;
  visitorId?: string | null;
  sessionId?: string | null;
  lastTouch?: Partial<Record<keyof Touch, unknown>> | null;
};

const CONTEXT_FIELDS = ["channel", "referrerDomain", "utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent", "country", "device"] as const;

/**
 * Puts a payment, renewal or refund on the visitor's timeline as a goal event.
 * The _id is derived from the payment and the marker's key, and the write is
 * an upsert on it, so redeliveries and retries converge on one event. An
 * unattributed payment has no timeline and gets no marker.
 */
export async function writeMarker(
  payment: MarkerPayment,
  marker: { name: "payment" | "renewal" | "refund"; key: string; value: number; at: Date },
): Promise<void> {
  if (!payment.visitorId) return;
  const context = Object.fromEntries(CONTEXT_FIELDS.map((f) => [f, payment.lastTouch?.[f]]).filter(([, v]) => typeof v === "string"));
  const _id = markerObjectId(String(payment.websiteId), payment.provider, payment.transactionId, marker.key);
  const upsert = () => GoalEvent.updateOne(
    { _id },
    {
      $set: { value: marker.value, timestamp: marker.at },
      $setOnInsert: {
        websiteId: payment.websiteId,
        name: marker.name,
        visitorId: payment.visitorId,
        ...(payment.sessionId ? { sessionId: payment.sessionId } : {}),
        props: [
          { k: "provider", v: payment.provider },
          { k: "transactionId", v: payment.transactionId },
          { k: "currency", v: payment.currency },
        ],
        ...context,
      },
    },
    { upsert: true },
  );
  const written = await upsertRetrying(upsert);
  // The stats count the marker as a goal of its visit, once: only the write that created it adds it.
  if (written.upsertedCount && payment.sessionId) {
    const session = await Session.findById(sessionKey(payment.websiteId, payment.sessionId)).lean();
    if (session) await insertExtraGoal(session, { id: String(_id), name: marker.name, at: marker.at, value: marker.value });
  }
}

export const paymentMarker = (p: MarkerPayment & { amount: number; timestamp: Date }) =>
  writeMarker(p, { name: p.renewal ? "renewal" : "payment", key: "payment", value: p.amount, at: p.timestamp });
