// "Proxy on your own domain", for real: a customer's site whose own server
// forwards /js/script.js and /api/track to Trailmark the way the dashboard's
// nginx setup does, and a CDN edge that can sit in front of it.
import { createServer, request, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ProxiedRequest = { method: string; path: string; host: string; xForwardedFor: string };

export type RunningProxy = {
  port: number;
  /** http://127.0.0.1:PORT; browsers reach it under any *.trailmark.test name. */
  url: string;
  /** Every request sent upstream, with the headers it carried. */
  log: ProxiedRequest[];
  close: () => Promise<void>;
};

// Hop-by-hop headers belong to one connection, never to the next hop.
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"];

/** nginx's $proxy_add_x_forwarded_for: the incoming X-Forwarded-For with the peer's address appended. */
export function proxyAddXForwardedFor(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? "";
  const prior = req.headers["x-forwarded-for"];
  const before = Array.isArray(prior) ? prior.join(", ") : prior;
  return before ? `${before}, ${peer}` : peer;
}

/** Streams the request to `target` with `headers` overriding the client's, and the answer back. */
function forward(req: IncomingMessage, res: ServerResponse, target: URL, headers: OutgoingHttpHeaders) {
  const outgoing: OutgoingHttpHeaders = { ...req.headers, ...headers };
  for (const name of HOP_BY_HOP) delete outgoing[name];
  const upstream = request(target, { method: req.method, headers: outgoing }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on("error", () => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
    res.end("bad gateway");
  });
  req.pipe(upstream);
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, log: ProxiedRequest[]): Promise<RunningProxy> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The customer's web server: serves `pages` itself and forwards `paths` to
 * `upstream` (Trailmark) like nginx's `location = /api/track { proxy_pass ...;
 * proxy_set_header Host ...; proxy_set_header X-Forwarded-For
 * $proxy_add_x_forwarded_for; }`.
 */
export function startRewriteProxy(opts: {
  upstream: string;
  pages: Record<string, string>;
  paths?: string[];
}): Promise<RunningProxy> {
  const upstream = new URL(opts.upstream);
  const paths = new Set(opts.paths ?? ["/js/script.js", "/api/track"]);
  const log: ProxiedRequest[] = [];
  return listen((req, res) => {
    const url = new URL(req.url ?? "/", "http://site");
    if (paths.has(url.pathname)) {
      const xForwardedFor = proxyAddXForwardedFor(req);
      log.push({ method: req.method ?? "GET", path: url.pathname, host: upstream.host, xForwardedFor });
      forward(req, res, new URL(url.pathname + url.search, upstream), { host: upstream.host, "x-forwarded-for": xForwardedFor });
      return;
    }
    const page = opts.pages[url.pathname];
    if (page === undefined) res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    else res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
  }, log);
}

/**
 * A CDN edge in front of `origin`: keeps the Host the browser asked for and,
 * as a CDN does for a real visitor, sets X-Forwarded-For to the address it saw,
 * here `clientIp`, since on this machine every client is 127.0.0.1.
 */
export function startEdge(opts: { origin: string; clientIp: string }): Promise<RunningProxy> {
  const origin = new URL(opts.origin);
  const log: ProxiedRequest[] = [];
  return listen((req, res) => {
    const path = req.url ?? "/";
    const host = req.headers.host ?? origin.host;
    log.push({ method: req.method ?? "GET", path, host, xForwardedFor: opts.clientIp });
    forward(req, res, new URL(path, origin), { host, "x-forwarded-for": opts.clientIp });
  }, log);
}
