import { TeamBilling, type TeamBillingDoc } from "@/models/TeamBilling";
import type { BillingConfig } from "./config";
import { mailUsageWarning } from "./notify";
import { limitsExceeded, standingOf, warningLevel, type Standing } from "./standing";
import type { MonthSpan } from "./usage/month";

export type Used = { events: number; sites: number; members: number };

/**
 * Brings the record in line with what the team uses: starts the over-limit
 * grace the first time it is seen over its plan, ends it once it fits, and
 * mails the 80 % and 100 % warnings once per month each. Every write is
 * conditional on the state it changes, so concurrent passes (the usage job,
 * a page view, a webhook) agree and mail goes out once.
 */
export async function settleUsage(doc: TeamBillingDoc, used: Used, month: MonthSpan, config: BillingConfig, now: Date): Promise<{ doc: TeamBillingDoc; standing: Standing }> {
  let next = doc;
  const { plan } = standingOf(doc, config, now.getTime());
  const over = limitsExceeded(plan, used);
  if (over.length && !doc.overLimitSince) {
    await TeamBilling.updateOne({ _id: doc._id, overLimitSince: { $exists: false } }, { $set: { overLimitSince: now, overLimit: over } });
    next = { ...next, overLimitSince: now, overLimit: over };
  } else if (over.length && over.join() !== (doc.overLimit ?? []).join()) {
    await TeamBilling.updateOne({ _id: doc._id }, { $set: { overLimit: over } });
    next = { ...next, overLimit: over };
  } else if (!over.length && doc.overLimitSince) {
    await TeamBilling.updateOne({ _id: doc._id }, { $unset: { overLimitSince: 1, overLimit: 1 } });
    next = { ...next, overLimitSince: undefined, overLimit: undefined };
  }
  const level = plan ? warningLevel(used.events, plan.monthlyEvents) : 0;
  if (plan && level) {
    const marked = await TeamBilling.updateOne(
      { _id: doc._id, $or: [{ "notified.month": { $ne: month.key } }, { "notified.level": { $lt: level } }] },
      { $set: { notified: { month: month.key, level } } },
    );
    if (marked.modifiedCount === 1) {
      await mailUsageWarning(doc._id, level, { events: used.events, limit: plan.monthlyEvents!, plan, graceDays: config.graceDays });
      next = { ...next, notified: { month: month.key, level } };
    }
  }
  return { doc: next, standing: standingOf(next, config, now.getTime()) };
}
