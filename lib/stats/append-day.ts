import { PersonLookup, type GroupedColumns } from "./group-visits";

/**
 * A range's grouped columns from those of its settled days and those of its
 * last day (the one ingest keeps writing to), without grouping the whole
 * range again: on a live site today's visits change every few seconds, and
 * regrouping a month for each dashboard load cost ~100 ms at 10M events.
 *
 * The result is the same as grouping all the visits at once: the settled
 * persons keep their order and numbers; a visitor of the last day seen before
 * has its new visits placed right after its settled ones; the others come
 * last, numbered after every settled person (their first visit is later than
 * every settled first visit). Whole runs of settled visits are copied as blocks.
 */
export function appendDay(settled: GroupedColumns, day: GroupedColumns, visitors: number): GroupedColumns {
  if (!day.n) return settled;
  if (!settled.n) return day;
  const plan = planOf(settled, day, visitors);
  const n = settled.n + day.n;
  const int32 = (s: Int32Array, d: Int32Array) => copyBy(plan, s, d, new Int32Array(n));
  const [pathStart, path] = listsBy(plan, settled.pathStart, settled.path, day.pathStart, day.path, n);
  const [goalStart, goal] = listsBy(plan, settled.goalStart, settled.goal, day.goalStart, day.goal, n);
  return {
    grouped: true,
    n,
    person: personsBy(plan, settled.person, n),
    people: plan.people,
    visitor: int32(settled.visitor, day.visitor),
    startedAt: copyBy(plan, settled.startedAt, day.startedAt, new Float64Array(n)),
    pageviews: int32(settled.pageviews, day.pageviews),
    duration: int32(settled.duration, day.duration),
    bounce: copyBy(plan, settled.bounce, day.bounce, new Uint8Array(n)),
    dims: settled.dims.map((col, k) => int32(col, day.dims[k])),
    pathStart, path, goalStart, goal,
  };
}

/** A piece of the result: visits [from, to) of the settled columns or of the day's, and (day pieces) the person they belong to. */
type Piece = { fromDay: boolean; from: number; to: number; person: number };
type Plan = { pieces: Piece[]; people: Int32Array };

const settledPersons = new PersonLookup();

/** The index after person p's last visit (persons are in increasing order). */
function endOf(person: Int32Array, p: number): number {
  let lo = 0;
  let hi = person.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (person[mid] <= p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function planOf(settled: GroupedColumns, day: GroupedColumns, visitors: number): Plan {
  const lookup = settledPersons.of(settled, visitors);
  const returning: { at: number; piece: Piece }[] = [];
  const fresh: Piece[] = [];
  const freshPeople: number[] = [];
  for (let j = 0; j < day.n; ) {
    const q = day.person[j];
    let to = j + 1;
    while (to < day.n && day.person[to] === q) to++;
    const v = day.people[q];
    const p = v < lookup.length ? lookup[v] : -1;
    if (p >= 0) returning.push({ at: endOf(settled.person, p), piece: { fromDay: true, from: j, to, person: p } });
    else {
      fresh.push({ fromDay: true, from: j, to, person: settled.people.length + freshPeople.length });
      freshPeople.push(v);
    }
    j = to;
  }
  returning.sort((a, b) => a.at - b.at);
  const pieces: Piece[] = [];
  let at = 0;
  for (const r of returning) {
    if (r.at > at) pieces.push({ fromDay: false, from: at, to: r.at, person: -1 });
    pieces.push(r.piece);
    at = r.at;
  }
  if (at < settled.n) pieces.push({ fromDay: false, from: at, to: settled.n, person: -1 });
  pieces.push(...fresh);
  const people = new Int32Array(settled.people.length + freshPeople.length);
  people.set(settled.people);
  people.set(freshPeople, settled.people.length);
  return { pieces, people };
}

function copyBy<T extends Int32Array | Float64Array | Uint8Array>(plan: Plan, settled: T, day: T, out: T): T {
  let at = 0;
  for (const { fromDay, from, to } of plan.pieces) {
    out.set((fromDay ? day : settled).subarray(from, to) as never, at);
    at += to - from;
  }
  return out;
}

function personsBy(plan: Plan, settled: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n);
  let at = 0;
  for (const { fromDay, from, to, person } of plan.pieces) {
    if (fromDay) out.fill(person, at, at + to - from);
    else out.set(settled.subarray(from, to), at);
    at += to - from;
  }
  return out;
}

/** A variable-length column (ids[start[i] .. start[i+1])) put together piece by piece. */
function listsBy(plan: Plan, sStart: Int32Array, sIds: Int32Array, dStart: Int32Array, dIds: Int32Array, n: number) {
  const start = new Int32Array(n + 1);
  const ids = new Int32Array(sIds.length + dIds.length);
  let at = 0;
  let idAt = 0;
  for (const { fromDay, from, to } of plan.pieces) {
    const [st, src] = fromDay ? [dStart, dIds] : [sStart, sIds];
    ids.set(src.subarray(st[from], st[to]), idAt);
    for (let i = from; i < to; i++) start[++at] = idAt + st[i + 1] - st[from];
    idAt += st[to] - st[from];
  }
  return [start, ids] as const;
}
