import { deflateRawSync, inflateRawSync } from "node:zlib";
import { RECORD_FIELDS, type VisitRecord } from "./record";

/**
 * A block part on disk: JSON columns with every string in one dictionary,
 * deflated. A day of a busy site (~8k visits) packs to a few hundred KB,
 * which the store returns in a few milliseconds; one document per visit
 * would cost a round trip each.
 */
export type Packed = {
  v: 1;
  n: number;
  dict: string[];
  /** Session ids are unique: no dictionary. */
  sid: string[];
  vid: number[];
  /** startedAt - base, and lastSeenAt - startedAt, in ms. */
  base: number;
  start: number[];
  span: number[];
  pv: number[];
  /** Per field: dictionary code + 1, 0 for missing. */
  f: Record<string, number[]>;
  /** Per record: how many paths / goals, then all codes in order. */
  pn: number[];
  pc: number[];
  gn: number[];
  gc: number[];
  /** Indexes of extra records. */
  x: number[];
};

export function encodeRecords(records: VisitRecord[]): Buffer {
  const codes = new Map<string, number>();
  const dict: string[] = [];
  const code = (s: string) => {
    let c = codes.get(s);
    if (c === undefined) codes.set(s, (c = dict.push(s) - 1));
    return c;
  };
  const base = records.reduce((m, r) => Math.min(m, r.startedAt), Infinity);
  const p: Packed = {
    v: 1, n: records.length, dict, sid: [], vid: [], base: Number.isFinite(base) ? base : 0, start: [], span: [], pv: [],
    f: Object.fromEntries(RECORD_FIELDS.map((f) => [f, [] as number[]])), pn: [], pc: [], gn: [], gc: [], x: [],
  };
  for (const [i, r] of records.entries()) {
    if (r.extra) p.x.push(i);
    p.sid.push(r.sessionId);
    p.vid.push(code(r.visitorId));
    p.start.push(r.startedAt - p.base);
    p.span.push(r.lastSeenAt - r.startedAt);
    p.pv.push(r.pageviews);
    for (const f of RECORD_FIELDS) {
      const v = r.fields[f];
      p.f[f].push(v === undefined ? 0 : code(v) + 1);
    }
    p.pn.push(r.paths.length);
    for (const path of r.paths) p.pc.push(code(path));
    p.gn.push(r.goals.length);
    for (const g of r.goals) p.gc.push(code(g));
  }
  return deflateRawSync(JSON.stringify(p), { level: 1 });
}

/** A part's columns as stored, before they become records. */
export function decodePacked(data: Buffer | Uint8Array): Packed {
  const p = JSON.parse(inflateRawSync(data).toString("utf8")) as Packed;
  if (p.v !== 1) throw new Error(`visit block: unknown format ${String(p.v)}`);
  return p;
}

export function decodeRecords(data: Buffer | Uint8Array): VisitRecord[] {
  const p = decodePacked(data);
  const out: VisitRecord[] = new Array(p.n);
  let pi = 0;
  let gi = 0;
  for (let i = 0; i < p.n; i++) {
    const fields: VisitRecord["fields"] = {};
    for (const f of RECORD_FIELDS) {
      const c = p.f[f][i];
      if (c) fields[f] = p.dict[c - 1];
    }
    const paths = p.pc.slice(pi, (pi += p.pn[i])).map((c) => p.dict[c]);
    const goals = p.gc.slice(gi, (gi += p.gn[i])).map((c) => p.dict[c]);
    const startedAt = p.base + p.start[i];
    out[i] = { sessionId: p.sid[i], visitorId: p.dict[p.vid[i]], startedAt, lastSeenAt: startedAt + p.span[i], pageviews: p.pv[i], fields, paths, goals };
  }
  for (const i of p.x) out[i].extra = true;
  return out;
}
