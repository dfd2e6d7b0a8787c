// While `npm start` builds and seeds, its port answers at once: 503 with a
// page that says what is happening and reloads itself, and a JSON error for
// API paths. The real server takes the port over when it is ready.
import http from "node:http";

const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function page(phase, since) {
  const seconds = Math.round((Date.now() - since) / 1000);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Trailmark is starting</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#fafafa;color:#18181b}
main{max-width:32rem;padding:2rem}h1{font-size:1.25rem;margin:0 0 .5rem}p{margin:.25rem 0;color:#52525b}
@media (prefers-color-scheme:dark){body{background:#09090b;color:#fafafa}p{color:#a1a1aa}}</style></head>
<body><main><h1>Trailmark is starting</h1><p>${escape(phase)}…</p><p>${seconds} s so far. This page reloads by itself; the first start builds the app and can take a few minutes.</p></main></body></html>`;
}

/** Listens on `port`; rejects if the port is taken. `setPhase` changes what the page says. */
export function startPlaceholder({ port, host }) {
  const since = Date.now();
  let phase = "Starting";
  const server = http.createServer((req, res) => {
    const headers = { "Retry-After": "3", "Cache-Control": "no-store" };
    if ((req.url ?? "").startsWith("/api/")) {
      res.writeHead(503, { ...headers, "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { code: "starting", message: `Trailmark is starting: ${phase.toLowerCase()}` } }));
      return;
    }
    res.writeHead(503, { ...headers, "Content-Type": "text/html; charset=utf-8" });
    res.end(req.method === "HEAD" ? undefined : page(phase, since));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(port), host, () =>
      resolve({
        setPhase: (text) => void (phase = text),
        /** Frees the port at once, open connections included. */
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      }),
    );
  });
}
