// Runs one long step of a launcher (go build, next build, the seed) as a child
// process without blocking the event loop (the "starting" page keeps
// answering), passes its output through, and prints a heartbeat while it is
// silent, so a slow machine never looks hung.
import { spawn } from "node:child_process";

const fmt = (ms) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
};
export const duration = fmt;

/**
 * Resolves when `cmd` exits 0, rejects otherwise. `label` names the step in
 * heartbeats: "[start] app build: still working (2 min 10 s; quiet for 45 s
 * after: Running TypeScript ...)".
 */
export function runStep(label, cmd, args, { cwd, env, heartbeatMs = 15_000, write = (s) => process.stderr.write(s) } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let lastOutput = started;
    let lastLine = "";
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const pass = (chunk) => {
      const text = chunk.toString();
      write(text);
      lastOutput = Date.now();
      const lines = text.split(/[\r\n]+/).map((l) => l.trim()).filter(Boolean);
      if (lines.length) lastLine = lines.at(-1).slice(0, 80);
    };
    child.stdout.on("data", pass);
    child.stderr.on("data", pass);
    const timer = setInterval(() => {
      const quiet = Date.now() - lastOutput;
      if (quiet < heartbeatMs) return;
      write(`[start] ${label}: still working (${fmt(Date.now() - started)}; quiet for ${fmt(quiet)}${lastLine ? ` after: ${lastLine}` : ""})\n`);
    }, heartbeatMs);
    timer.unref();
    child.on("error", (err) => {
      clearInterval(timer);
      reject(new Error(`${label}: ${cmd} could not start (${err.message})`));
    });
    child.on("exit", (code, signal) => {
      clearInterval(timer);
      if (code === 0) resolve(Date.now() - started);
      else reject(new Error(`${label} failed (${signal ?? `exit code ${code}`}; see the output above)`));
    });
  });
}
