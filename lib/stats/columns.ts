import type { Packed } from "@/lib/blocks/codec";
import { UNGOAL, type VisitRecord } from "@/lib/blocks/record";
import { label, SESSION_FIELD } from "./dimensions";
import { SESSION_DIMENSIONS, type Interner, type SiteDict } from "./interner";

/**
 * Visits as typed columns, oldest first; every string is a number from the
 * site's dictionary. Visit i viewed path[pathStart[i] .. pathStart[i+1]) (one
 * entry per view) and completed goal[goalStart[i] .. goalStart[i+1]) (each
 * name once). A dashboard counts a month of visits in a few milliseconds this
 * way; objects and maps took seconds (npm run bench:query).
 */
export type Columns = {
  n: number;
  visitor: Int32Array;
  startedAt: Float64Array;
  pageviews: Int32Array;
  /** Seconds. */
  duration: Int32Array;
  bounce: Uint8Array;
  /** One column per SESSION_DIMENSIONS entry. */
  dims: Int32Array[];
  pathStart: Int32Array;
  path: Int32Array;
  goalStart: Int32Array;
  goal: Int32Array;
};

export type ColumnVisit = { record: VisitRecord; duration: number; bounce: boolean };

/** Duration (seconds, from the span in ms) and bounce as ingest sets them on the Session document (lib/ingest/sessionize.ts). */
export const durationOf = (spanMs: number) => Math.round(spanMs / 1000);
export const bounced = (pageviews: number) => pageviews <= 1;

/** Columns for n visits with room for this many path and goal entries. */
function allocate(n: number, paths: number, goals: number): Columns {
  return {
    n, visitor: new Int32Array(n), startedAt: new Float64Array(n), pageviews: new Int32Array(n), duration: new Int32Array(n), bounce: new Uint8Array(n),
    dims: SESSION_DIMENSIONS.map(() => new Int32Array(n)), pathStart: new Int32Array(n + 1), path: new Int32Array(paths), goalStart: new Int32Array(n + 1), goal: new Int32Array(goals),
  };
}

export function buildColumns(visits: ColumnVisit[], dict: SiteDict): Columns {
  const sorted = [...visits].sort((a, b) => a.record.startedAt - b.record.startedAt);
  const n = sorted.length;
  const cols = allocate(n, 0, 0);
  const paths: number[] = [];
  const goals: number[] = [];
  sorted.forEach(({ record: r, duration, bounce }, i) => {
    cols.visitor[i] = dict.visitors.id(r.visitorId);
    cols.startedAt[i] = r.startedAt;
    cols.pageviews[i] = r.pageviews;
    cols.duration[i] = duration;
    cols.bounce[i] = bounce ? 1 : 0;
    SESSION_DIMENSIONS.forEach((d, k) => (cols.dims[k][i] = dict.dims[k].id(label(r.fields[SESSION_FIELD[d]]))));
    for (const p of r.paths) paths.push(dict.paths.id(label(p)));
    cols.pathStart[i + 1] = paths.length;
    for (const g of new Set(r.goals.map(label))) goals.push(dict.goals.id(g));
    cols.goalStart[i + 1] = goals.length;
  });
  cols.path = Int32Array.from(paths);
  cols.goal = Int32Array.from(goals);
  return cols;
}

/** The first index whose start is at or after `t` (columns are oldest first). */
function lowerBound(at: Float64Array, n: number, t: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The visits of consecutive days that started in [start, end), as one set of columns. */
export function concatRange(days: Columns[], start: number, end: number): Columns {
  const spans = days.map((c) => [c, lowerBound(c.startedAt, c.n, start), lowerBound(c.startedAt, c.n, end)] as const);
  const n = spans.reduce((s, [, lo, hi]) => s + hi - lo, 0);
  const pathCount = spans.reduce((s, [c, lo, hi]) => s + c.pathStart[hi] - c.pathStart[lo], 0);
  const goalCount = spans.reduce((s, [c, lo, hi]) => s + c.goalStart[hi] - c.goalStart[lo], 0);
  const out = allocate(n, pathCount, goalCount);
  let at = 0;
  let pathAt = 0;
  let goalAt = 0;
  for (const [c, lo, hi] of spans) {
    out.visitor.set(c.visitor.subarray(lo, hi), at);
    out.startedAt.set(c.startedAt.subarray(lo, hi), at);
    out.pageviews.set(c.pageviews.subarray(lo, hi), at);
    out.duration.set(c.duration.subarray(lo, hi), at);
    out.bounce.set(c.bounce.subarray(lo, hi), at);
    c.dims.forEach((col, k) => out.dims[k].set(col.subarray(lo, hi), at));
    out.path.set(c.path.subarray(c.pathStart[lo], c.pathStart[hi]), pathAt);
    out.goal.set(c.goal.subarray(c.goalStart[lo], c.goalStart[hi]), goalAt);
    for (let i = lo; i < hi; i++) {
      out.pathStart[at + i - lo + 1] = pathAt + c.pathStart[i + 1] - c.pathStart[lo];
      out.goalStart[at + i - lo + 1] = goalAt + c.goalStart[i + 1] - c.goalStart[lo];
    }
    at += hi - lo;
    pathAt += c.pathStart[hi] - c.pathStart[lo];
    goalAt += c.goalStart[hi] - c.goalStart[lo];
  }
  return out;
}

/**
 * The columns of a part as stored, without building a record per visit (a
 * cold 10M-event dashboard spent most of its first load on those objects).
 * Null when the part needs merging first: extras, a visit twice, or goals
 * taken back; the caller then goes through records.
 */
export function columnsFromPacked(p: Packed, dict: SiteDict): Columns | null {
  if (p.x.length || new Set(p.sid).size !== p.n) return null;
  if (p.gc.some((c) => p.dict[c].startsWith(UNGOAL))) return null;
  const order = Array.from({ length: p.n }, (_, i) => i).sort((a, b) => p.start[a] - p.start[b]);
  const pathFrom = new Int32Array(p.n + 1);
  const goalFrom = new Int32Array(p.n + 1);
  for (let i = 0; i < p.n; i++) {
    pathFrom[i + 1] = pathFrom[i] + p.pn[i];
    goalFrom[i + 1] = goalFrom[i] + p.gn[i];
  }
  // Part codes to site numbers, each looked up once per part.
  const numbered = (values: Interner, of: (code: number) => string) => {
    const seen = new Int32Array(p.dict.length + 1).fill(-1);
    return (code: number) => (seen[code] >= 0 ? seen[code] : (seen[code] = values.id(of(code))));
  };
  const visitorOf = numbered(dict.visitors, (c) => p.dict[c]);
  const fieldOf = SESSION_DIMENSIONS.map((d, k) => [p.f[SESSION_FIELD[d]], numbered(dict.dims[k], (c) => label(c ? p.dict[c - 1] : undefined))] as const);
  const pathOf = numbered(dict.paths, (c) => label(p.dict[c]));
  const goalOf = numbered(dict.goals, (c) => label(p.dict[c]));
  const n = p.n;
  const cols = allocate(n, p.pc.length, p.gc.length);
  let paths = 0;
  let goals = 0;
  order.forEach((r, i) => {
    cols.visitor[i] = visitorOf(p.vid[r]);
    cols.startedAt[i] = p.base + p.start[r];
    cols.pageviews[i] = p.pv[r];
    cols.duration[i] = durationOf(p.span[r]);
    cols.bounce[i] = bounced(p.pv[r]) ? 1 : 0;
    fieldOf.forEach(([codes, of], k) => (cols.dims[k][i] = codes ? of(codes[r] ?? 0) : of(0)));
    for (let j = pathFrom[r]; j < pathFrom[r + 1]; j++) cols.path[paths++] = pathOf(p.pc[j]);
    cols.pathStart[i + 1] = paths;
    const first = goals;
    for (let j = goalFrom[r]; j < goalFrom[r + 1]; j++) {
      const g = goalOf(p.gc[j]);
      if (!cols.goal.subarray(first, goals).includes(g)) cols.goal[goals++] = g;
    }
    cols.goalStart[i + 1] = goals;
  });
  cols.goal = cols.goal.slice(0, goals);
  return cols;
}
