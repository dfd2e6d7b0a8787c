// The production server (`npm start`, tests): Next's request handler behind a
// plain node:http server, for two things `next start` cannot do:
// - route handlers never see the socket, so the peer address is copied into a
//   header (overwriting any client-sent value) for /api/track's client IP;
// - on SIGTERM/SIGINT, stop accepting, flush the ingest buffer, then exit, so
//   every acknowledged event is in the store (or still in its log on disk).
import { existsSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import next from "next";

// V8 lets the old generation grow to several times what survived its last full
// collection before collecting again. Under ingest load, events promoted while
// they wait for their batch took the server from ~290 to ~450 MB RSS with
// ~135 MB live (bench:ingest); growing by 30% at a time kept it near 350 MB.
// A GC heuristic V8 reads at each collection, so it may be set here.
v8.setFlagsFromString("--heap-growing-percent=30");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "127.0.0.1";
const SOCKET_IP_HEADER = "x-trailmark-socket-ip";

// A start that takes long says where it is, every 10 s, so a hung or slow
// start (a long log replay, an engine that does not answer) can be told apart
// from a busy machine. The instrumentation hook names its own steps.
const startedAt = Date.now();
const steps = (globalThis.__trailmarkStartSteps ??= [["loading Next.js", startedAt]]);
const stepTo = (name) => steps.push([name, Date.now()]);
const SLOW_START_MS = 5_000;
const slowStart = setInterval(() => {
  process.stderr.write(`[server] still starting after ${Math.round((Date.now() - startedAt) / 1000)} s: ${steps.at(-1)[0]}\n`);
}, 10_000);

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// /api/track is answered here, before Next.js routes the request (see
// lib/ingest/node-handler.ts); without the bundle it falls through to the route.
const bundle = path.join(root, process.env.NEXT_DIST_DIR || ".next", "trailmark-ingest.cjs");
// TRAILMARK_TRACK_VIA_NEXT=1 turns the fast path off (tests compare the two).
const viaNext = process.env.TRAILMARK_TRACK_VIA_NEXT === "1";
const track = !viaNext && existsSync(bundle) ? createRequire(import.meta.url)(bundle).handleTrack : null;
if (!track && !viaNext) process.stderr.write(`[server] ${bundle} is missing (npm run build makes it): /api/track goes through Next.js, slower\n`);
const isTrack = (url = "") => url === "/api/track" || url.startsWith("/api/track?");

// The first page Next.js renders after a start paid ~250 ms more than the
// next ones (React's server renderer, the auth and layout code running for
// the first time), whichever page it was. So before the port is taken, two
// pages are rendered through a listener of its own on a loopback port: the
// sign-in page, and a dashboard address that a visitor without a session is
// redirected from. Neither touches anyone's data.
async function warmRenderer() {
  const warm = http.createServer((req, res) => handle(req, res));
  await new Promise((resolve, reject) => warm.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port: warmPort } = warm.address();
  for (const route of ["/login", "/dashboard/warm-up"]) {
    await fetch(`http://127.0.0.1:${warmPort}${route}`, { redirect: "manual", signal: AbortSignal.timeout(5_000) })
      .then((res) => res.arrayBuffer())
      .catch(() => {});
  }
  warm.closeAllConnections();
  await new Promise((resolve) => warm.close(resolve));
}
stepTo("rendering the first pages");
// Bounded as a whole: a render that hangs costs the first visitor, not the start.
await Promise.race([warmRenderer(), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]).catch(() => {});
stepTo("taking the port");

// Under `npm start` the launcher's "starting" page holds the port until the
// app is prepared; then it frees it and says "listen". It is also what stops
// this server if the launcher goes away without a signal.
if (process.send) {
  process.send({ type: "prepared" });
  process.once("disconnect", () => process.exit(1));
  await new Promise((resolve) => process.on("message", (m) => m?.type === "listen" && resolve()));
  process.removeAllListeners("disconnect");
  process.on("disconnect", () => shutdown("the launcher is gone"));
}

const server = http.createServer((req, res) => {
  if (track && isTrack(req.url)) {
    track(req, res).catch((err) => {
      process.stderr.write(`[server] /api/track: ${err?.stack ?? err}\n`);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { code: "internal_error", message: "Something went wrong on our side" } }));
    });
    return;
  }
  req.headers[SOCKET_IP_HEADER] = req.socket.remoteAddress ?? "";
  handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  clearInterval(slowStart);
  const took = Date.now() - startedAt;
  if (took > SLOW_START_MS) {
    // Offsets, not durations: the instrumentation hook's steps run beside the server's own.
    const parts = steps.map(([name, at]) => `${((at - startedAt) / 1000).toFixed(1)} s ${name}`);
    process.stderr.write(`[server] the start took ${(took / 1000).toFixed(1)} s; its steps began at: ${parts.join(", ")}\n`);
  }
  process.stderr.write(`[server] listening on http://${hostname}:${port}\n`);
  process.send?.({ type: "listening" });
});

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
