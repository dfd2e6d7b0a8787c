// The production server (`npm start`, tests): Next's request handler behind a
// plain node:http server, for two things `next start` cannot do:
// - route handlers never see the socket, so the peer address is copied into a
//   header (overwriting any client-sent value) for /api/track's client IP;
// - on SIGTERM/SIGINT, stop accepting, flush the ingest buffer, then exit, so
//   every acknowledged event is in the store (or still in its log on disk).
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "127.0.0.1";
const SOCKET_IP_HEADER = "x-trailmark-socket-ip";

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers[SOCKET_IP_HEADER] = req.socket.remoteAddress ?? "";
  handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => process.stderr.write(`[server] listening on http://${hostname}:${port}\n`));

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`[server] ${signal}: flushing accepted events...\n`);
  server.close();
  server.closeIdleConnections?.();
  const buffer = globalThis.__trailmarkBuffer;
  try {
    if (buffer) await buffer.flush();
    process.stderr.write(`[server] flushed; ${buffer?.pending ?? 0} events left in memory (kept in the log on disk)\n`);
  } catch (err) {
    process.stderr.write(`[server] flush failed, events stay in the log for the next start: ${err?.message}\n`);
  }
  process.exit(0);
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
