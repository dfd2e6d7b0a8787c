import { realtime, type LiveEvent } from "./realtime";

const encoder = new TextEncoder();
const frame = (event: string, data: unknown) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * Server-sent events for one website: `active` (visitors in the last five
 * minutes) at once and every `everyMs`, the last few minutes' events, then
 * each accepted event, as `event`.
 * Ends when the client goes away.
 */
export function realtimeStream(websiteId: string, signal: AbortSignal, everyMs = 5000): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream({
    start(controller) {
      const send = (event: string, data: unknown) => {
        try {
          controller.enqueue(frame(event, data));
        } catch {
          cleanup();
        }
      };
      send("active", { visitors: realtime.activeVisitors(websiteId) });
      const timer = setInterval(() => send("active", { visitors: realtime.activeVisitors(websiteId) }), everyMs);
      for (const e of realtime.recentEvents(websiteId)) send("event", e);
      const unsubscribe = realtime.subscribe(websiteId, (e: LiveEvent) => send("event", e));
      cleanup = () => {
        clearInterval(timer);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      signal.addEventListener("abort", () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
}
