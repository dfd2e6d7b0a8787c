// BENCH_CLIENT=wrk for npm run bench:ingest: the load from wrk (Debian's
// package, C) instead of the bench's own Node client. The load generator
// shares the two cores with the server and the store it measures; wrk spends
// a fraction of the Node client's CPU per request, so more of the machine is
// left to what is measured. Same requests: each visitor's event, in turn, on
// keep-alive connections with one request in flight each.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const hasWrk = () => {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
    return true;
  } catch (err) {
    return err.status === 1; // wrk prints its usage and exits 1 for --version
  }
};

/** The Lua script that hands wrk the requests in turn, built once per connection thread. */
function script(requests, port) {
  const lua = (s) => JSON.stringify(s); // a JSON string is a valid Lua string for this ASCII text
  return [
    "local reqs = {}",
    ...requests.map((r) => `reqs[#reqs + 1] = wrk.format("POST", "/api/track", { ["Host"] = "127.0.0.1:${port}", ["Content-Type"] = "text/plain", ["User-Agent"] = ${lua(r.ua)} }, ${lua(r.json)})`),
    "local i = 0",
    "request = function() i = i % #reqs + 1; return reqs[i] end",
    "",
  ].join("\n");
}

// CPU seconds of this process's reaped children (cutime + cstime in /proc/self/stat).
const childCpu = () => {
  const f = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  return (Number(f[13]) + Number(f[14])) / 100;
};

const ms = (value, unit) => Number(value) * { us: 0.001, ms: 1, s: 1000 }[unit];

/** Runs wrk for `seconds`; resolves with what it counted and the CPU it used. */
export async function runWrk({ port, seconds, connections, requests, dir }) {
  const file = path.join(dir, "bench-requests.lua");
  writeFileSync(file, script(requests, port)); // wrk.format adds no Host given other headers, and Node refuses HTTP/1.1 without one
  const cpuBefore = childCpu();
  const child = spawn("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", file, `http://127.0.0.1:${port}`], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  const code = await new Promise((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`wrk exited with ${code}:\n${out}`);
  const total = Number(/(\d+) requests in/.exec(out)[1]);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errors = [...(/Socket errors: (.*)/.exec(out)?.[1] ?? "").matchAll(/(\d+)/g)].reduce((s, m) => s + Number(m[1]), 0);
  const pct = (p) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)`, "m").exec(out);
    return m ? ms(m[1], m[2]) : NaN;
  };
  const max = /Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)/.exec(out);
  return { total, failed: non2xx + errors, p50: pct(50), p99: pct(99), max: max ? ms(max[1], max[2]) : NaN, cpu: childCpu() - cpuBefore };
}
