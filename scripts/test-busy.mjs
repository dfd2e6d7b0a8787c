// npm run test:busy: `npm test` while two CPU-burning loops (`yes > /dev/null`)
// keep both cores of a small machine busy, to check that the suite's verdict
// depends on behaviour and not on how fast the machine is. Stops the loops
// whatever happens (the tests fail, Ctrl-C, this script is killed) and prints
// the wall time. Extra arguments go to vitest, e.g. `npm run test:busy -- tests/e2e`.
// LOOPS=n changes the number of loops (default 2).
import { spawn } from "node:child_process";
import { loadavg } from "node:os";

const LOOPS = Number(process.env.LOOPS ?? 2);
const log = (msg) => process.stderr.write(`[busy] ${msg}\n`);
const load = () => loadavg().map((n) => n.toFixed(1)).join(" ");

// Each loop is a shell that runs `yes` and watches this process: if this one
// dies without cleaning up (SIGKILL), its loop ends within a second anyway.
const watcher = `yes > /dev/null & y=$!
trap 'kill $y 2>/dev/null; exit 0' INT TERM
while kill -0 ${process.pid} 2>/dev/null && kill -0 $y 2>/dev/null; do sleep 1; done
kill $y 2>/dev/null`;
const loops = Array.from({ length: LOOPS }, () => spawn("sh", ["-c", watcher], { stdio: "ignore" }));

let stopped = false;
function stopLoops() {
  if (stopped) return;
  stopped = true;
  for (const l of loops) if (l.exitCode === null && l.signalCode === null) l.kill("SIGTERM");
}
process.on("exit", stopLoops);

const started = Date.now();
const elapsed = () => {
  const s = Math.round((Date.now() - started) / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
};
log(`${LOOPS} CPU-burning loops started (load average ${load()}); running npm test`);

const test = spawn("npm", ["test", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])], { stdio: "inherit" });

// Ctrl-C reaches npm test too (same process group); a TERM is passed on. Either way the loops stop.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopLoops();
    if (test.exitCode === null) test.kill(signal);
  });
}

test.on("error", (err) => {
  stopLoops();
  log(`could not run npm test: ${err.message}`);
  process.exit(1);
});
test.on("exit", (code, signal) => {
  stopLoops();
  const verdict = code === 0 ? "passed" : `failed (${signal ?? `exit code ${code}`})`;
  log(`npm test ${verdict} in ${elapsed()} wall time with ${LOOPS} CPU-burning loops (load average at the end ${load()})`);
  process.exit(code ?? 1);
});
