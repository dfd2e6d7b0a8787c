// `npm start`'s launcher: the port answers a "starting" page from the first
// second, every phase is announced and timed, silent steps print heartbeats,
// the server takes the port over once prepared, and when the server dies the
// launcher exits non-zero.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freshDatabaseUri } from "../helpers/app";
import { eventually } from "../helpers/eventually";
// @ts-expect-error plain ESM scripts
import { buildIsStale } from "../../scripts/build-if-stale.mjs";
// @ts-expect-error plain ESM scripts
import { runStep } from "../../scripts/run-step.mjs";
// @ts-expect-error plain ESM scripts
import { startPlaceholder } from "../../scripts/starting-page.mjs";
// @ts-expect-error plain ESM scripts
import { freePort } from "../../scripts/store.mjs";

const root = path.resolve(import.meta.dirname, "../..");
type Placeholder = { setPhase: (s: string) => void; close: () => Promise<void> };

describe("the starting page", () => {
  it("answers 503 with a page that says the phase and reloads, and a JSON error on API paths; frees the port on close", async () => {
    const port = await freePort();
    const p: Placeholder = await startPlaceholder({ port, host: "127.0.0.1" });
    p.setPhase("Building the app");
    const res = await fetch(`http://127.0.0.1:${port}/dashboard`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("3");
    const html = await res.text();
    expect(html).toContain('<meta http-equiv="refresh" content="3">');
    expect(html).toContain("Building the app…");
    const api = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect([api.status, await api.json()]).toEqual([503, { error: { code: "starting", message: "Trailmark is starting: building the app" } }]);
    await expect(startPlaceholder({ port, host: "127.0.0.1" })).rejects.toMatchObject({ code: "EADDRINUSE" });
    await p.close();
    const again: Placeholder = await startPlaceholder({ port, host: "127.0.0.1" });
    await again.close();
  });
});

describe("runStep", () => {
  it("passes output through, says it is still working while the step is silent, and fails with the exit code", async () => {
    let out = "";
    const write = (s: string) => void (out += s);
    // The step prints a line, then is silent until the test, having seen a heartbeat, creates `done`.
    const done = path.join(mkdtempSync(path.join(tmpdir(), "tm-step-")), "done");
    const script = `console.log("Running TypeScript ..."); setInterval(() => require("fs").existsSync(${JSON.stringify(done)}) && process.exit(0), 20);`;
    const step = runStep("app build", process.execPath, ["-e", script], { heartbeatMs: 50, write });
    await eventually(async () => expect(out).toMatch(/\[start\] app build: still working \(\d+ s; quiet for \d+ s after: Running TypeScript \.\.\.\)\n/), 10_000, 20);
    writeFileSync(done, "");
    expect(await step).toBeGreaterThan(0);
    expect(out).toContain("Running TypeScript ...\n");
    await expect(runStep("seed", process.execPath, ["-e", "process.exit(3)"], { write })).rejects.toThrow("seed failed (exit code 3; see the output above)");
  });
});

describe("npm start", () => {
  // Needs the test build to be current: the launcher would otherwise rebuild it under the other tests' servers.
  it.skipIf(buildIsStale(".next-test"))("serves the starting page, then the app; stops with a non-zero code when the server dies", async () => {
    const port = await freePort();
    let out = "";
    const launcher: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        MONGODB_URI: freshDatabaseUri("launcher"),
        NEXT_DIST_DIR: ".next-test",
        TRAILMARK_DEMO: "false",
        TRAILMARK_INGEST_DIR: mkdtempSync(path.join(tmpdir(), "tm-launcher-")),
        NEXTAUTH_SECRET: "test-secret-not-for-production-0123456789",
      },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so whatever it started goes with it if the test fails.
      detached: true,
    });
    launcher.stdout!.on("data", (d) => (out += d));
    launcher.stderr!.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((r) => launcher.once("exit", (code) => r(code)));
    try {
      await startThenKillServer(launcher, port, exited, () => out);
    } finally {
      if (launcher.exitCode === null) process.kill(-launcher.pid!, "SIGKILL");
    }
  }, 120_000);
});

async function startThenKillServer(launcher: ChildProcess, port: number, exited: Promise<number | null>, output: () => string) {
  const statuses: number[] = [];
  await eventually(
    async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
      if (res) statuses.push(res.status);
      expect(res?.status).toBe(200);
    },
    60_000,
    25,
  );
  expect(statuses[0]).toBe(503);
  const out = output();
  for (const line of ["[start] Starting the store...", "[start] Building the app...", "[start] Starting the server...", `[start] Trailmark on http://localhost:${port}`]) expect(out).toContain(line);
  expect(out).toMatch(/ready in \d+ s: starting the store \d+ s, building the app \d+ s, starting the server \d+ s/);
  const server = spawnSync("ps", ["--ppid", String(launcher.pid), "-o", "pid="], { encoding: "utf8" }).stdout.trim().split(/\s+/).map(Number);
  expect(server).toHaveLength(1);
  process.kill(server[0], "SIGKILL");
  expect(await exited).not.toBe(0);
  expect(output()).toContain("the server stopped (SIGKILL); stopping the store");
}
