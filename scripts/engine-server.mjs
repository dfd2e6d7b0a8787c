// Serves the embedded stats engine (chDB, ClickHouse as a library) over the
// part of ClickHouse's HTTP interface the app's ClickHouse client uses, so
// several processes can share one engine: libchdb binds one data directory to
// one process. The test suite runs one for all its workers and app servers
// (each test file in a database of its own); `npm run engine` runs one by hand.
//
//   node scripts/engine-server.mjs [--dir .data/clickhouse] [--port 8123]
//
// Then CLICKHOUSE_URL=http://127.0.0.1:<port> points the app at it. Loopback only.
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The URL query string and the POST body make one statement, as ClickHouse reads them (INSERT data follows its FORMAT clause). */
export function statementOf(query, body) {
  if (query && body) return `${query}\n${body}`;
  return query || body;
}

// The summary the client reads from every answer; chDB reports rows read only.
const summary = (rows = 0) => JSON.stringify({ read_rows: String(rows), read_bytes: "0", written_rows: "0", written_bytes: "0", total_rows_to_read: "0", result_rows: "0", result_bytes: "0", elapsed_ns: "0" });

function errorReply(res, err) {
  const message = String(err?.message ?? err).replace(/^Query failed: /, "");
  const code = /Code: (\d+)\./.exec(message)?.[1] ?? "1000";
  res.writeHead(500, { "Content-Type": "text/plain; charset=UTF-8", "X-ClickHouse-Exception-Code": code, "X-ClickHouse-Summary": summary() });
  res.end(message.startsWith("Code:") ? message : `Code: ${code}. DB::Exception: ${message}`);
}

/** Starts the server; resolves to `{ url, close }` once it listens. */
export async function startEngineServer({ dir = path.join(root, ".data", "clickhouse"), port = 0, host = "127.0.0.1" } = {}) {
  const chdb = createRequire(import.meta.url)("chdb");
  const session = new chdb.Session(dir, { connectionArgs: ["--mark_cache_size=268435456", "--uncompressed_cache_size=0"] });
  let queryId = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/ping" || (req.method === "GET" && url.pathname === "/" && !url.searchParams.has("query"))) {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end("Ok.\n");
      return;
    }
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const sql = statementOf(url.searchParams.get("query") ?? "", Buffer.concat(chunks).toString("utf8")).trim();
      const id = url.searchParams.get("query_id") || `engine-${process.pid}-${++queryId}`;
      if (!sql) return errorReply(res, new Error("Code: 62. DB::Exception: Empty query"));
      try {
        const result = await session.queryAsync(sql, { format: url.searchParams.get("default_format") || "TabSeparated" });
        const body = Buffer.from(result.bytes());
        res.writeHead(200, { "Content-Type": "text/plain; charset=UTF-8", "Content-Length": body.length, "X-ClickHouse-Query-Id": id, "X-ClickHouse-Summary": summary(result.rowsRead) });
        res.end(body);
      } catch (err) {
        errorReply(res, err);
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address();
  return {
    url: `http://${host}:${bound}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      session.close();
      await chdb.drainPending?.();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const engine = await startEngineServer({ dir: path.resolve(arg("dir", path.join(root, ".data", "clickhouse"))), port: Number(arg("port", 8123)) });
  process.stdout.write(`CLICKHOUSE_URL=${engine.url}\n`);
  // A parent that pipes stdin (the test setup) stops the engine by closing it.
  if (process.argv.includes("--watch-stdin")) process.stdin.on("end", () => void engine.close().then(() => process.exit(0))).resume();
  const stop = () => void engine.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
