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
  // In-flight requests are cut unanswered: their events count as unacknowledged
  // (and are written anyway if they reached the log).
  server.close();
  server.closeAllConnections();
  const buffer = globalThis.__trailmarkBuffer;
  const drained = buffer ? await buffer.drain().catch(() => false) : true;
  process.stderr.write(
    drained ? "[server] every accepted event is in the store\n" : "[server] the store did not take every event; the rest stay in the log for the next start\n",
  );
  process.exit(0);
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
