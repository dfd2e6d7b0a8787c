import { EventEmitter } from "node:events";

/**
 * What the real-time page shows of an accepted event: no ids beyond the
 * visitor's. `id` is only the order this instance accepted it in, so a client
 * that reconnects skips what it already shows.
 */
export type LiveEvent = { id?: number; websiteId: string; type: string; name?: string; path: string; visitorId: string; country?: string; device?: string; channel?: string; referrerDomain?: string; timestamp: string };
/** A visitor here now, as this instance saw them: their latest page and when they arrived in the window. */
export type LiveVisitor = { visitorId: string; path: string; country: string; device: string; channel: string; referrerDomain: string; firstSeen: number; lastSeen: number };

export const ACTIVE_MS = 5 * 60 * 1000;
/** Events a newly opened live page starts its feed with. */
const LATEST_EVENTS = 20;

// In-process only: each app instance streams the events it accepted. A
// multi-instance deployment would put a pub/sub between them.
class Realtime {
  private readonly emitter = new EventEmitter();
  private readonly lastSeen = new Map<string, Map<string, number>>();
  /** Per website, "visitor\0path" of pageviews by time of the latest: the pages panel of what is not in the engine yet. */
  private readonly views = new Map<string, Map<string, number>>();
  /** Per website and visitor, what the who-is-here list shows of what this instance accepted. */
  private readonly visitors = new Map<string, Map<string, LiveVisitor>>();
  /** Per website, the last events, so a page opened now starts its feed with what just happened. */
  private readonly latest = new Map<string, LiveEvent[]>();
  private sequence = 0;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: LiveEvent): void {
    const e = { ...event, id: ++this.sequence };
    const at = Date.parse(e.timestamp);
    const latest = this.latest.get(e.websiteId) ?? [];
    latest.push(e);
    this.latest.set(e.websiteId, latest.slice(-LATEST_EVENTS));
    touch(this.lastSeen, e.websiteId, e.visitorId, at);
    if (e.type === "pageview") touch(this.views, e.websiteId, `${e.visitorId}\0${e.path}`, at);
    this.remember(e, at);
    this.emitter.emit(e.websiteId, e);
  }

  private remember(e: LiveEvent, at: number): void {
    let map = this.visitors.get(e.websiteId);
    if (!map) this.visitors.set(e.websiteId, (map = new Map()));
    const was = map.get(e.visitorId);
    const fresh = was && at - was.lastSeen <= ACTIVE_MS ? was : undefined;
    map.delete(e.visitorId);
    map.set(e.visitorId, {
      visitorId: e.visitorId, path: e.type === "pageview" || !fresh ? e.path : fresh.path, country: e.country ?? "", device: e.device ?? "", channel: e.channel ?? "",
      referrerDomain: e.referrerDomain ?? "", firstSeen: fresh?.firstSeen ?? at, lastSeen: at,
    });
  }

  /** Visitors this instance saw in the last five minutes, latest first. */
  liveVisitors(websiteId: string, now = Date.now()): LiveVisitor[] {
    const map = this.visitors.get(websiteId);
    if (!map) return [];
    for (const [id, v] of map) {
      if (now - v.lastSeen <= ACTIVE_MS) break;
      map.delete(id);
    }
    return [...map.values()].filter((v) => now - v.lastSeen <= ACTIVE_MS).reverse();
  }

  /** (visitor, path) of the pageviews this instance accepted in the last five minutes. */
  recentPageviews(websiteId: string, now = Date.now()): [string, string][] {
    return recent(this.views.get(websiteId), now).map((key) => key.split("\0") as [string, string]);
  }

  /** The last events of the past five minutes (at most LATEST_EVENTS), oldest first. */
  recentEvents(websiteId: string, now = Date.now()): LiveEvent[] {
    return (this.latest.get(websiteId) ?? []).filter((e) => now - Date.parse(e.timestamp) <= ACTIVE_MS);
  }

  /** Visitors with an event in the last five minutes. */
  activeVisitors(websiteId: string, now = Date.now()): number {
    return this.activeVisitorIds(websiteId, now).length;
  }

  /** Their ids, so a caller can merge them with what other instances wrote to the store. */
  activeVisitorIds(websiteId: string, now = Date.now()): string[] {
    return recent(this.lastSeen.get(websiteId), now);
  }

  /** Drops erased visitors (or, without ids, a deleted website) from what the live view remembers. */
  forget(websiteId: string, visitorIds?: readonly string[]): void {
    if (!visitorIds) {
      this.lastSeen.delete(websiteId);
      this.views.delete(websiteId);
      this.visitors.delete(websiteId);
      this.latest.delete(websiteId);
      return;
    }
    const gone = new Set(visitorIds);
    for (const id of gone) {
      this.lastSeen.get(websiteId)?.delete(id);
      this.visitors.get(websiteId)?.delete(id);
    }
    const latest = this.latest.get(websiteId);
    if (latest) this.latest.set(websiteId, latest.filter((e) => !gone.has(e.visitorId)));
    const views = this.views.get(websiteId);
    for (const key of views?.keys() ?? []) if (gone.has(key.split("\0")[0])) views!.delete(key);
  }

  subscribe(websiteId: string, listener: (e: LiveEvent) => void): () => void {
    this.emitter.on(websiteId, listener);
    return () => this.emitter.off(websiteId, listener);
  }
}

/** Re-inserting keeps a map ordered by last activity, so old keys are pruned from its front. */
function touch(maps: Map<string, Map<string, number>>, websiteId: string, key: string, at: number): void {
  let map = maps.get(websiteId);
  if (!map) maps.set(websiteId, (map = new Map()));
  map.delete(key);
  map.set(key, at);
}

/** The keys active in the last five minutes; older ones are dropped on the way. */
function recent(map: Map<string, number> | undefined, now: number): string[] {
  if (!map) return [];
  for (const [key, at] of map) {
    if (now - at <= ACTIVE_MS) break;
    map.delete(key);
  }
  return [...map].flatMap(([key, at]) => (now - at <= ACTIVE_MS ? [key] : []));
}

const holder = globalThis as unknown as { __trailmarkRealtime?: Realtime };
export const realtime = (holder.__trailmarkRealtime ??= new Realtime());
