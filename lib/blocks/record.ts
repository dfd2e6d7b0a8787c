import { SESSION_FIELD } from "@/lib/stats/dimensions";

/** The Session document fields a visit block keeps: every dimension a filter or breakdown reads. */
export const RECORD_FIELDS = [...new Set(Object.values(SESSION_FIELD))];
export type RecordField = (typeof RECORD_FIELDS)[number];

/**
 * One visit as a block holds it: what its Session document says, plus the
 * paths it viewed and the goals it completed (in the part of the visit this
 * record covers). A block part written by one ingest batch holds the visit's
 * state after that batch and only that batch's paths and goals; merging the
 * parts of a day (mergeRecords) gives the whole visit.
 */
export type VisitRecord = {
  sessionId: string;
  visitorId: string;
  /** Epoch milliseconds. */
  startedAt: number;
  lastSeenAt: number;
  /** The visit's pageviews so far (cumulative, like the Session document's counter). */
  pageviews: number;
  fields: Partial<Record<RecordField, string>>;
  paths: string[];
  goals: string[];
  /**
   * Goals reported for the visit outside ingest (API goals, payment markers):
   * this record adds its goals and nothing else.
   */
  extra?: true;
};

/**
 * Two parts of one visit. State is cumulative, so the later part's state wins
 * (its exit page, its pageview count); paths and goals were recorded once each
 * and add up. Order-free: parts may be read in any order.
 */
export function mergeRecord(a: VisitRecord, b: VisitRecord): VisitRecord {
  if (b.extra || a.extra) {
    const [base, add] = b.extra ? [a, b] : [b, a];
    return { ...base, goals: base.goals.concat(add.goals) };
  }
  const later = b.lastSeenAt > a.lastSeenAt || (b.lastSeenAt === a.lastSeenAt && b.pageviews > a.pageviews) ? b : a;
  return {
    ...later,
    startedAt: Math.min(a.startedAt, b.startedAt),
    lastSeenAt: Math.max(a.lastSeenAt, b.lastSeenAt),
    pageviews: Math.max(a.pageviews, b.pageviews),
    paths: a.paths.concat(b.paths),
    goals: a.goals.concat(b.goals),
  };
}

/** Folds parts into one record per visit (a visit known only by extras stays an extra). */
export function mergeRecords(parts: Iterable<VisitRecord[]>): VisitRecord[] {
  const byId = new Map<string, VisitRecord>();
  for (const part of parts) {
    for (const r of part) {
      const seen = byId.get(r.sessionId);
      byId.set(r.sessionId, seen ? mergeRecord(seen, r) : r);
    }
  }
  return [...byId.values()];
}

/** Marks a goal taken back (a deleted payment's marker): it cancels one completion of the name that follows. */
export const UNGOAL = "\u0000-";

/** The record with its taken-back goals settled; parts may hold the removal before the goal. */
export function settleGoals(r: VisitRecord): VisitRecord {
  if (!r.goals.some((g) => g.startsWith(UNGOAL))) return r;
  const goals = r.goals.filter((g) => !g.startsWith(UNGOAL));
  for (const g of r.goals) {
    if (!g.startsWith(UNGOAL)) continue;
    const i = goals.indexOf(g.slice(UNGOAL.length));
    if (i >= 0) goals.splice(i, 1);
  }
  return { ...r, goals };
}

/** The UTC day a visit's block lives in: the day it started. */
export const blockDay = (startedAt: number) => new Date(startedAt).toISOString().slice(0, 10);
