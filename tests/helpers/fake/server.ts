import http from "node:http";
import type { AddressInfo } from "node:net";

/** `body` is sent as JSON; `text` as it is (with its content-type among `headers`). */
export type Reply = { status: number; headers?: Record<string, string>; body?: unknown; text?: string };
export type Seen = { method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; body: string; status?: number };

/**
 * A provider's API on 127.0.0.1: `route` answers each request; `failNext`
 * queues scripted answers (429, 5xx...) served before the route, in order.
 */
export async function startFakeServer(route: (req: Seen) => Reply | Promise<Reply>) {
  const seen: Seen[] = [];
  const queued: ((req: Seen) => Reply | null)[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const r: Seen = { method: req.method ?? "GET", path: decodeURIComponent(url.pathname), query: url.searchParams, headers: req.headers, body };
      seen.push(r);
      // The first queued answer that applies to this request is used up; the others wait.
      let reply: Reply | null = null;
      for (let i = 0; i < queued.length && !reply; i++) {
        reply = queued[i](r);
        if (reply) queued.splice(i, 1);
      }
      reply ??= await route(r);
      r.status = reply.status;
      const payload = reply.text ?? (reply.body === undefined ? "" : JSON.stringify(reply.body));
      res.writeHead(reply.status, { ...(payload && reply.text === undefined ? { "content-type": "application/json; charset=utf-8" } : {}), ...reply.headers });
      res.end(payload);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    /** Serves `reply` (or what it computes) for the next request instead of the route. */
    failNext: (reply: Reply | ((req: Seen) => Reply | null)) => queued.push(typeof reply === "function" ? reply : () => reply),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
