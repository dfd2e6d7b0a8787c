import { EventEmitter } from "node:events";

/** What the real-time page shows of an accepted event: no ids beyond the visitor's. */
export type LiveEvent = { websiteId: string; type: string; name?: string; path: string; visitorId: string; country?: string; channel?: string; referrerDomain?: string; timestamp: string };

export const ACTIVE_MS = 5 * 60 * 1000;

// In-process only: each app instance streams the events it accepted. A
// multi-instance deployment would put a pub/sub between them.
class Realtime {
  private readonly emitter = new EventEmitter();
  private readonly lastSeen = new Map<string, Map<string, number>>();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(e: LiveEvent): void {
    let visitors = this.lastSeen.get(e.websiteId);
    if (!visitors) this.lastSeen.set(e.websiteId, (visitors = new Map()));
    visitors.delete(e.visitorId); // re-insert keeps the map ordered by last activity
    visitors.set(e.visitorId, Date.parse(e.timestamp));
    this.emitter.emit(e.websiteId, e);
  }

  /** Visitors with an event in the last five minutes. */
  activeVisitors(websiteId: string, now = Date.now()): number {
    return this.activeVisitorIds(websiteId, now).length;
  }

  /** Their ids, so a caller can merge them with what other instances wrote to the store. */
  activeVisitorIds(websiteId: string, now = Date.now()): string[] {
    const visitors = this.lastSeen.get(websiteId);
    if (!visitors) return [];
    for (const [id, at] of visitors) {
      if (now - at <= ACTIVE_MS) break;
      visitors.delete(id);
    }
    return [...visitors].flatMap(([id, at]) => (now - at <= ACTIVE_MS ? [id] : []));
  }

  subscribe(websiteId: string, listener: (e: LiveEvent) => void): () => void {
    this.emitter.on(websiteId, listener);
    return () => this.emitter.off(websiteId, listener);
  }
}

const holder = globalThis as unknown as { __trailmarkRealtime?: Realtime };
export const realtime = (holder.__trailmarkRealtime ??= new Realtime());
