import { Types } from "mongoose";
import { Identity, identityKey } from "@/models/Identity";
import { Payment } from "@/models/Payment";
import { sessionsOf, touchesFrom } from "./touches";
import type { Attribution, Touch } from "./types";

export type MatchQuery = {
  websiteId: string;
  provider: string;
  /** The payment being matched, so it never matches itself as "an earlier payment". */
  paymentId: Types.ObjectId;
  at: Date;
  visitorId?: string;
  sessionId?: string;
  userId?: string;
  emailHash?: string;
  customerId?: string;
};

type Step = (q: MatchQuery) => Promise<Attribution | null>;

/** A visitor id counts only if this website has seen it: ids are client-chosen and may belong to another site. */
async function visitorOnThisSite(q: MatchQuery, visitorId: string, sessionId: string | undefined, matchedBy: Attribution["matchedBy"]): Promise<Attribution | null> {
  const sessions = await sessionsOf(q.websiteId, visitorId);
  if (!sessions.length) {
    const identified = await Identity.exists({ _id: identityKey(q.websiteId, visitorId) });
    if (!identified) return null;
  }
  const touches = touchesFrom(sessions, q.at, sessionId);
  return { matchedBy, visitorId, ...touches, sessionId: touches.sessionId ?? sessionId };
}

const byMetadata: Step = async (q) => (q.visitorId ? visitorOnThisSite(q, q.visitorId, q.sessionId, "metadata") : null);

/** A visitor who identified (trailmark('identify'|'payment') or the API) with the same userId, then email. */
const byIdentity: Step = async (q) => {
  const websiteId = new Types.ObjectId(q.websiteId);
  const keys = [q.userId ? { userId: q.userId } : null, q.emailHash ? { emailHash: q.emailHash } : null].filter((k) => k !== null);
  for (const key of keys) {
    // The latest identification wins: a shared login is most likely the one that just paid.
    const identities = await Identity.find({ websiteId, ...key }, { visitorId: 1, updatedAt: 1 }).lean();
    identities.sort((a, b) => (b.updatedAt?.getTime() ?? 0) - (a.updatedAt?.getTime() ?? 0));
    for (const identity of identities) {
      const found = await visitorOnThisSite(q, identity.visitorId, undefined, "identity");
      if (found) return found;
    }
  }
  return null;
};

/**
 * The customer's earliest attributed payment: a renewal (or a second purchase
 * without metadata) follows the visitor and touches that first brought them.
 */
const byCustomer: Step = async (q) => {
  const websiteId = new Types.ObjectId(q.websiteId);
  const keys = [q.customerId ? { provider: q.provider, customerId: q.customerId } : null, q.emailHash ? { emailHash: q.emailHash } : null].filter((k) => k !== null);
  for (const key of keys) {
    const earlier = await Payment.find({ websiteId, ...key, matchedBy: { $ne: "none" }, _id: { $ne: q.paymentId } }, { visitorId: 1, sessionId: 1, firstTouch: 1, lastTouch: 1, timestamp: 1 }).lean();
    earlier.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    const first = earlier.find((p) => p.visitorId);
    if (first) {
      return {
        matchedBy: "customer",
        visitorId: first.visitorId!,
        sessionId: first.sessionId ?? undefined,
        firstTouch: (first.firstTouch ?? undefined) as Touch | undefined,
        lastTouch: (first.lastTouch ?? undefined) as Touch | undefined,
      };
    }
  }
  return null;
};

const STEPS: Step[] = [byMetadata, byIdentity, byCustomer];

/**
 * Finds the visitor a payment belongs to: metadata visitor id, then identity
 * (userId, email), then the customer's earlier payment; else unattributed.
 * A metadata id this website never saw is skipped, not trusted, so the later
 * steps may still match, and a payment can never land on another site's visitor.
 */
export async function matchVisitor(q: MatchQuery): Promise<Attribution> {
  for (const step of STEPS) {
    const found = await step(q);
    if (found) return found;
  }
  return { matchedBy: "none" };
}
