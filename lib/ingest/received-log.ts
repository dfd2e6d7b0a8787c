import type { DropReason } from "./types";

/** One event as /api/track received it: where from and what became of it. No visitor id, no IP, no query string. */
export type ReceivedEvent = { at: string; type: string; hostname: string; path: string; name?: string; accepted: boolean; reason?: DropReason };

/** Events kept per website: enough to see what a test visit did, small enough to keep for every site. */
export const RECEIVED_PER_SITE = 20;
/** Websites remembered at once; the one heard from least recently is forgotten first. */
const MAX_SITES = 5_000;

/**
 * The last events each website's tag sent, kept and dropped alike, so the
 * install check can say "your page was seen, and dropped because ...": drops
 * leave no other trace (nothing is stored for them). In process memory rather
 * than the store: the hot path pays an array write instead of a store write
 * per event (a bot flood would otherwise be a write flood), and the dashboard
 * of `npm start` is served by the same process. With several app instances
 * each shows what it received itself. On globalThis because the production
 * server's /api/track fast path is a separate bundle in the same process.
 */
class ReceivedLog {
  private readonly sites = new Map<string, ReceivedEvent[]>();

  record(websiteId: string, event: ReceivedEvent): void {
    let ring = this.sites.get(websiteId);
    if (ring) this.sites.delete(websiteId);
    else if (this.sites.size >= MAX_SITES) this.sites.delete(this.sites.keys().next().value!);
    this.sites.set(websiteId, (ring ??= []));
    ring.push(event);
    if (ring.length > RECEIVED_PER_SITE) ring.shift();
  }

  /** Newest first. */
  list(websiteId: string): ReceivedEvent[] {
    return [...(this.sites.get(websiteId) ?? [])].reverse();
  }

  forget(websiteId: string): void {
    this.sites.delete(websiteId);
  }
}

const holder = globalThis as unknown as { __trailmarkReceived?: ReceivedLog };
export const receivedLog = (holder.__trailmarkReceived ??= new ReceivedLog());
