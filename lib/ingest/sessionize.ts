import { Types, type AnyBulkWriteOperation } from "mongoose";
import { SESSION_FIELD } from "@/lib/stats/dimensions";
import { Session, sessionKey } from "@/models/Session";

/** A visit ends after 30 minutes without an event (Plausible, GA and Umami agree). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

/** What sessionize needs of an accepted event. */
export type SessionEvent = {
  id: string; // the event's own _id: a pageview's is remembered for scroll updates
  websiteId: Types.ObjectId;
  visitorId: string;
  sessionId?: string;
  timestamp: Date;
  type: "pageview" | "goal" | "scroll" | "identify";
  path: string;
  name?: string;
  userId?: string;
  /** First-touch fields (source, UTM, geo, device), written once when the session starts. */
  context: Record<string, unknown>;
};

/** Fields that describe where a visit came from: fixed by its first event. */
export const SOURCE_FIELDS = ["channel", "referrer", "referrerDomain", "utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent"] as const;
export type SourceFields = Partial<Record<(typeof SOURCE_FIELDS)[number], string>>;

/** A visit's context every one of its events carries into the stats engine: fixed by its first event (the exit page is not: it is worked out from the pageviews). */
export const CONTEXT_FIELDS = [...new Set([...Object.values(SESSION_FIELD).filter((f) => f !== "exitPage"), "referrer"])];
export type SessionContext = Partial<Record<string, string>>;

/**
 * What ingest knows of an event's visit when it assigns it, written with the
 * event to the stats engine: the visit's start and context, whether the event
 * started it, the pageview's number in it (0 for other events), and the
 * seconds the event added to its rounded duration.
 */
export type SessionFacts = { start: number; first: boolean; view: number; seconds: number; context: SessionContext };

// A page's scroll depth arrives when the visitor leaves it, which can be after
// the next page's pageview (beacons race), so recent pages are remembered.
const RECENT_PAGES = 20;
// `stored`: the visit's document is known to exist, so its next write is an
// update; a visit first seen here is inserted whole, which costs the store a
// fifth of an upsert.
type State = {
  sessionId: string; startedAt: number; lastSeenAt: number; pageviews: number; entryPage?: string; source: SourceFields; recent: Record<string, string>; stored: boolean;
  /** The visit's context (CONTEXT_FIELDS): set by its first event. */
  fields: SessionContext;
};

function withRecent(recent: Record<string, string>, path: string, pageviewId: string): Record<string, string> {
  const next = { ...recent };
  delete next[path];
  next[path] = pageviewId;
  const paths = Object.keys(next);
  if (paths.length > RECENT_PAGES) delete next[paths[0]];
  return next;
}

function fieldsOf(record: Record<string, unknown>): SessionContext {
  const out: SessionContext = {};
  for (const f of CONTEXT_FIELDS) if (typeof record[f] === "string" && record[f] !== "") out[f] = record[f] as string;
  return out;
}

/** A visit's duration as the Session document keeps it: whole seconds, rounded. */
const durationOf = (startedAt: number, lastSeenAt: number) => Math.round((lastSeenAt - startedAt) / 1000);

function sourceOf(record: Record<string, unknown>): SourceFields {
  const out: SourceFields = {};
  for (const f of SOURCE_FIELDS) if (typeof record[f] === "string") out[f] = record[f] as string;
  return out;
}

// Recent sessions by "websiteId:rootId", so most events need no read. A root id
// is the client's session id, or "v-<visitorId>" for events that carry none
// (cookieless, pixel, API); visits after an idle split get "<root>~<time>".
const MAX_STATES = 100_000;
// On globalThis: the /api/track fast path is a separate bundle in the same
// process, and an erasure made through Next.js (forgetVisits) must reach it.
const stateHolder = globalThis as unknown as { __trailmarkSessionStates?: Map<string, State> };
const states = (stateHolder.__trailmarkSessionStates ??= new Map<string, State>());

function remember(key: string, state: State) {
  states.delete(key);
  states.set(key, state);
  if (states.size > MAX_STATES) states.delete(states.keys().next().value!);
}

const STATE_FIELDS = { sessionId: 1, startedAt: 1, lastSeenAt: 1, pageviews: 1, continuedAs: 1, lastPageviewId: 1, exitPage: 1, ...Object.fromEntries([...SOURCE_FIELDS, ...CONTEXT_FIELDS].map((f) => [f, 1])) };
type StoredState = { sessionId: string; startedAt: Date; lastSeenAt: Date; pageviews?: number; continuedAs?: string; entryPage?: string; exitPage?: string; lastPageviewId?: Types.ObjectId } & Record<string, unknown>;

/** The root's latest visit, read by _id only (the one filter FerretDB pushes down). */
async function loadState(websiteId: Types.ObjectId, root: string): Promise<State | undefined> {
  // The driver itself: a mongoose query cost the server more than the store's answer.
  const read = (id: string) => Session.collection.findOne<StoredState>({ _id: id as never }, { projection: STATE_FIELDS });
  let doc = await read(sessionKey(websiteId, root));
  if (doc?.continuedAs) doc = (await read(sessionKey(websiteId, doc.continuedAs))) ?? doc;
  if (!doc) return undefined;
  return {
    sessionId: doc.sessionId, startedAt: doc.startedAt.getTime(), lastSeenAt: doc.lastSeenAt.getTime(), pageviews: doc.pageviews ?? 0, entryPage: doc.entryPage,
    source: sourceOf(doc), recent: doc.exitPage && doc.lastPageviewId ? { [doc.exitPage]: String(doc.lastPageviewId) } : {}, fields: fieldsOf(doc), stored: true,
  };
}

const rootOf = (e: { visitorId: string; sessionId?: string }) => e.sessionId ?? `v-${e.visitorId}`;
// Session lookups a batch has in flight: the store serves them on both cores.
const LOOKUPS_IN_FLIGHT = 8;

type Pending = { websiteId: Types.ObjectId; visitorId: string; state: State; insert: Record<string, unknown>; pageviews: number; events: number; exitPage?: string; userId?: string };

/**
 * Assigns events to sessions and gathers, per session, what they changed in its
 * precomputed fields (entry and exit page, pageviews, duration, bounce), which
 * the store cannot derive later without $first/$last. One batch may span
 * several flushes of the write buffer: a busy visit then costs one write for
 * all of them (lib/ingest/session-writes.ts writes it).
 */
export class SessionBatch {
  private readonly pending = new Map<string, Pending>();
  private readonly splits = new Map<string, string>();
  /** Visits prefetch() found nowhere in the store, until add() starts them. */
  private readonly absent = new Set<string>();

  /** Sessions with changes not written yet. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Reads the stored state of the visits of these events that are not cached,
   * LOOKUPS_IN_FLIGHT at a time. Read one by one inside add(), a burst of new
   * visitors cost a store round trip each in a row: under load the writer fell
   * ten seconds behind on lookups alone.
   */
  async prefetch(events: Pick<SessionEvent, "websiteId" | "visitorId" | "sessionId">[]): Promise<void> {
    const wanted = new Map<string, { websiteId: Types.ObjectId; root: string }>();
    for (const e of events) {
      const root = rootOf(e);
      const key = `${e.websiteId}:${root}`;
      if (!states.has(key)) wanted.set(key, { websiteId: e.websiteId, root });
    }
    const queue = [...wanted];
    const lane = async () => {
      for (let next = queue.pop(); next; next = queue.pop()) {
        const [key, { websiteId, root }] = next;
        const state = await loadState(websiteId, root);
        if (state) remember(key, state);
        else this.absent.add(key);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LOOKUPS_IN_FLIGHT, queue.length) }, lane));
  }

  /** Returns the event's session, the session's first-touch source (which every event of the visit carries) and the visit's facts for the stats engine. */
  async add(e: SessionEvent): Promise<{ sessionId: string; source: SourceFields; scrollTarget?: string; facts: SessionFacts }> {
    const root = rootOf(e);
    const key = `${e.websiteId}:${root}`;
    const now = e.timestamp.getTime();
    // Known absent from prefetch(): a new visit, nothing to read.
    let state = states.get(key) ?? (this.absent.delete(key) ? undefined : await loadState(e.websiteId, root));
    const split = !!state && now - state.lastSeenAt > SESSION_IDLE_MS;
    if (split) {
      state = { sessionId: `${root}~${now.toString(36)}`, startedAt: now, lastSeenAt: now, pageviews: 0, entryPage: e.path, source: sourceOf(e.context), recent: {}, fields: fieldsOf({ ...e.context, entryPage: e.path }), stored: false };
      this.splits.set(sessionKey(e.websiteId, root), state.sessionId);
    }
    const first = !state || split;
    state ??= { sessionId: root, startedAt: now, lastSeenAt: now, pageviews: 0, entryPage: e.path, source: sourceOf(e.context), recent: {}, fields: fieldsOf({ ...e.context, entryPage: e.path }), stored: false };
    const scrollTarget = e.type === "scroll" ? state.recent[e.path] : undefined;
    const isPageview = e.type === "pageview";
    const before = first ? 0 : durationOf(state.startedAt, state.lastSeenAt);
    state = {
      ...state,
      startedAt: Math.min(state.startedAt, now),
      lastSeenAt: Math.max(state.lastSeenAt, now),
      pageviews: state.pageviews + (isPageview ? 1 : 0),
      ...(isPageview ? { recent: withRecent(state.recent, e.path, e.id) } : {}),
    };
    remember(key, state);

    const id = sessionKey(e.websiteId, state.sessionId);
    let p = this.pending.get(id);
    if (!p) {
      p = { websiteId: e.websiteId, visitorId: e.visitorId, state, pageviews: 0, events: 0, insert: { ...e.context, websiteId: e.websiteId, sessionId: state.sessionId, visitorId: e.visitorId, entryPage: e.path } };
      this.pending.set(id, p);
    }
    p.state = state;
    p.events++;
    if (isPageview) { p.pageviews++; p.exitPage = e.path; }
    if (e.userId) p.userId = e.userId;
    const seconds = Math.max(0, durationOf(state.startedAt, state.lastSeenAt) - before);
    const facts: SessionFacts = { start: state.startedAt, first, view: isPageview ? state.pageviews : 0, seconds, context: state.fields };
    return { sessionId: state.sessionId, source: state.source, scrollTarget, facts };
  }

  /**
   * Visits first seen in this batch, as whole documents to insert, and one
   * upsert for each other visit touched; they touch distinct documents.
   */
  writes(): { inserts: { id: string; doc: Record<string, unknown>; upsert: AnyBulkWriteOperation }[]; upserts: AnyBulkWriteOperation[] } {
    const inserts = [];
    const upserts: AnyBulkWriteOperation[] = [];
    for (const [id, p] of this.pending) {
      const s = p.state;
      const $set: Record<string, unknown> = { duration: Math.round((s.lastSeenAt - s.startedAt) / 1000), bounce: s.pageviews <= 1 };
      if (p.exitPage) { $set.exitPage = p.exitPage; $set.lastPageviewId = new Types.ObjectId(s.recent[p.exitPage]); }
      if (p.userId) $set.userId = p.userId;
      const startedAt = new Date(s.startedAt), lastSeenAt = new Date(s.lastSeenAt);
      const upsert = {
        updateOne: {
          filter: { _id: id },
          update: { $setOnInsert: p.insert, $min: { startedAt }, $max: { lastSeenAt }, $inc: { pageviews: p.pageviews, events: p.events }, $set },
          upsert: true,
        },
      };
      // The upsert stays at hand: the insert of a visit another process created meanwhile fails as a duplicate.
      if (!s.stored) inserts.push({ id, doc: { _id: id, ...p.insert, startedAt, lastSeenAt, pageviews: p.pageviews, events: p.events, ...$set }, upsert });
      else upserts.push(upsert);
    }
    return { inserts, upserts };
  }

  /** The websites whose visits the batch changed. */
  websiteIds(): string[] {
    return [...new Set([...this.pending.values()].map((p) => String(p.websiteId)))];
  }

  /** Drops the changes to visits of websites that are gone (deleted since their events were written). */
  keepWebsites(live: { has(id: string): boolean }): void {
    for (const [id, p] of this.pending) if (!live.has(String(p.websiteId))) this.pending.delete(id);
    for (const [rootId, latest] of this.splits) if (!live.has(rootId.slice(0, rootId.indexOf(":")))) this.splits.delete(rootId);
  }

  /** After the batch is written: the next write of each of its visits is an update. */
  markStored(): void {
    for (const p of this.pending.values()) p.state.stored = true;
  }

  /** Points each split visit's root document at its latest part; run after upserts(), which may create the root. */
  pointers(): AnyBulkWriteOperation[] {
    return [...this.splits].map(([rootId, latest]) => ({ updateOne: { filter: { _id: rootId }, update: { $set: { continuedAs: latest } } } }));
  }
}

/**
 * Forgets the cached visits of erased visitors (`visitorIds`, their
 * `sessionIds`), or of a whole website when both are omitted, so the next
 * event starts a new visit instead of continuing one that no longer exists.
 */
export function forgetVisits(websiteId: string, visitorIds?: readonly string[], sessionIds: readonly string[] = []): void {
  const prefix = `${websiteId}:`;
  const roots = visitorIds && new Set([...visitorIds.map((v) => `v-${v}`), ...sessionIds]);
  const sessions = new Set(sessionIds);
  for (const [key, state] of states) {
    if (!key.startsWith(prefix)) continue;
    const root = key.slice(prefix.length).split("~")[0];
    if (!roots || roots.has(root) || sessions.has(state.sessionId)) states.delete(key);
  }
}

/** Forgets cached sessions (tests; a process that lost its store connection). */
export function resetSessionCache(): void {
  states.clear();
}
