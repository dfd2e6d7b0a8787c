import { randomBytes } from "node:crypto";
import type { AnyBulkWriteOperation, Types } from "mongoose";
import { Session } from "@/models/Session";

/** A visit ends after 30 minutes without an event (Plausible, GA and Umami agree). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

/** What sessionize needs of an accepted event. */
export type SessionEvent = {
  websiteId: Types.ObjectId;
  visitorId: string;
  sessionId?: string;
  timestamp: Date;
  type: "pageview" | "goal" | "scroll" | "identify";
  path: string;
  userId?: string;
  /** First-touch fields (source, UTM, geo, device), written once when the session starts. */
  context: Record<string, unknown>;
};

/** Fields that describe where a visit came from: fixed by its first event. */
export const SOURCE_FIELDS = ["channel", "referrer", "referrerDomain", "utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent"] as const;
type SourceFields = Partial<Record<(typeof SOURCE_FIELDS)[number], string>>;

type State = { sessionId: string; startedAt: number; lastSeenAt: number; pageviews: number; source: SourceFields };

function sourceOf(record: Record<string, unknown>): SourceFields {
  const out: SourceFields = {};
  for (const f of SOURCE_FIELDS) if (typeof record[f] === "string") out[f] = record[f] as string;
  return out;
}

// Recent sessions by "websiteId:sessionId" and "websiteId:visitor:visitorId", so
// most events need no read. Bounded: the oldest entries go first.
const MAX_STATES = 100_000;
const states = new Map<string, State>();

function remember(key: string, state: State) {
  states.delete(key);
  states.set(key, state);
  if (states.size > MAX_STATES) states.delete(states.keys().next().value!);
}

const newSessionId = () => randomBytes(12).toString("base64url");

async function loadState(e: SessionEvent): Promise<State | undefined> {
  const query = e.sessionId
    ? Session.findOne({ websiteId: e.websiteId, sessionId: e.sessionId })
    : Session.findOne({ websiteId: e.websiteId, visitorId: e.visitorId, lastSeenAt: { $gte: new Date(e.timestamp.getTime() - SESSION_IDLE_MS) } }).sort({ lastSeenAt: -1 });
  const fields = Object.fromEntries(["sessionId", "startedAt", "lastSeenAt", "pageviews", ...SOURCE_FIELDS].map((f) => [f, 1]));
  const doc = await query.select(fields).lean();
  if (!doc) return undefined;
  return { sessionId: doc.sessionId, startedAt: doc.startedAt.getTime(), lastSeenAt: doc.lastSeenAt.getTime(), pageviews: doc.pageviews ?? 0, source: sourceOf(doc) };
}

/**
 * Assigns the event to a session and returns the upsert that keeps the session
 * document's precomputed fields (entry and exit page, pageviews, duration,
 * bounce) current: the store cannot derive them later without $first/$last.
 * Events without a session id (cookieless, pixel, API) join the visitor's
 * session active in the last 30 minutes, or start one. Returns the session's
 * source, which every event of the visit carries: a click from one page to the
 * next must not turn a Google visit into a Direct one.
 */
export async function sessionize(e: SessionEvent): Promise<{ sessionId: string; source: SourceFields; op: AnyBulkWriteOperation }> {
  const key = e.sessionId ? `${e.websiteId}:${e.sessionId}` : `${e.websiteId}:visitor:${e.visitorId}`;
  const now = e.timestamp.getTime();
  let state = states.get(key) ?? (await loadState(e));
  if (state && now - state.lastSeenAt > SESSION_IDLE_MS) {
    // A tracker id reused after 30 idle minutes still starts a new visit.
    state = { sessionId: e.sessionId ? `${e.sessionId}-${now.toString(36)}` : newSessionId(), startedAt: now, lastSeenAt: now, pageviews: 0, source: sourceOf(e.context) };
  }
  state ??= { sessionId: e.sessionId ?? newSessionId(), startedAt: now, lastSeenAt: now, pageviews: 0, source: sourceOf(e.context) };
  const isPageview = e.type === "pageview";
  state = {
    ...state,
    startedAt: Math.min(state.startedAt, now),
    lastSeenAt: Math.max(state.lastSeenAt, now),
    pageviews: state.pageviews + (isPageview ? 1 : 0),
  };
  remember(key, state);

  const $set: Record<string, unknown> = {
    duration: Math.round((state.lastSeenAt - state.startedAt) / 1000),
    bounce: state.pageviews <= 1,
  };
  if (isPageview) $set.exitPage = e.path;
  if (e.userId) $set.userId = e.userId;
  const op: AnyBulkWriteOperation = {
    updateOne: {
      filter: { websiteId: e.websiteId, sessionId: state.sessionId },
      update: {
        $setOnInsert: { ...e.context, visitorId: e.visitorId, startedAt: new Date(state.startedAt), entryPage: e.path },
        $max: { lastSeenAt: new Date(state.lastSeenAt) },
        $inc: { pageviews: isPageview ? 1 : 0, events: 1 },
        $set,
      },
      upsert: true,
    },
  };
  return { sessionId: state.sessionId, source: state.source, op };
}

/** Forgets cached sessions (tests; a process that lost its store connection). */
export function resetSessionCache(): void {
  states.clear();
}
