// `npm start` (scripts/start.mjs) as a process manager sees it: the launcher,
// its embedded store and the server, all real processes on a fresh data dir.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helper shared with npm start
import { buildIsStale } from "../../scripts/build-if-stale.mjs";
// @ts-expect-error plain ESM helper shared with npm start
import { freePort } from "../../scripts/store.mjs";
import { eventually } from "../helpers/eventually";
import { childMatching, isRunning } from "../helpers/processes";
import { expectAccepted, postTrack } from "../helpers/track";

const root = path.resolve(import.meta.dirname, "../..");
let launcher: ChildProcess;
let output = "";
let url: string;
let dataDir: string;
let db: mongoose.Connection;
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

beforeAll(async () => {
  // The launcher rebuilds a stale build, which would pull .next-test from under the other test files.
  if (buildIsStale(".next-test")) throw new Error(".next-test is older than the sources: run the tests without TRAILMARK_TEST_SKIP_BUILD");
  dataDir = mkdtempSync(path.join(tmpdir(), "tm-start-"));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TRAILMARK_DATA_DIR: dataDir,
    TRAILMARK_INGEST_DIR: path.join(dataDir, "ingest"),
    TRAILMARK_DEMO: "false",
    NEXT_DIST_DIR: ".next-test",
    PORT: String(port),
    HOST: "127.0.0.1",
    NEXTAUTH_SECRET: "test-secret-not-for-production-0123456789",
  };
  delete env.MONGODB_URI; // the launcher must start (and own) its embedded store
  launcher = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  launcher.stdout!.on("data", (d) => (output += d));
  launcher.stderr!.on("data", (d) => (output += d));
  exited = new Promise((resolve) => launcher.once("exit", (code, signal) => resolve({ code, signal })));
  await eventually(async () => {
    expect(launcher.exitCode, output).toBeNull();
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  }, 120_000, 250);
  const storeUri = /ready at (mongodb:\/\/\S+)/.exec(output)![1];
  db = await mongoose.createConnection(`${storeUri}/trailmark`).asPromise();
});
afterAll(async () => {
  await db?.close();
  if (launcher && launcher.exitCode === null && launcher.signalCode === null) {
    launcher.kill("SIGTERM");
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const storePid = () => childMatching(launcher.pid!, /trailmark-store/);
const serverPid = () => childMatching(launcher.pid!, /scripts\/server\.mjs/);

describe("npm start", () => {
  it("restarts a store that was killed; /api/track answers 202 meanwhile and the events land once it is back", async () => {
    const { insertedId } = await db.collection("websites").insertOne({ userId: new mongoose.Types.ObjectId(), domain: "launcher.example", name: "l", settings: {} });
    const event = (n: number) => ({ type: "pageview", websiteId: String(insertedId), url: `https://launcher.example/e/${n}`, visitorId: "lv", sessionId: "ls" });
    await expectAccepted(await postTrack(url, event(0)));

    const first = storePid();
    process.kill(first, "SIGKILL");
    // The store is gone: the server still takes events (its log on disk holds them).
    for (let n = 1; n <= 5; n++) await expectAccepted(await postTrack(url, event(n)));

    await eventually(async () => {
      const again = storePid();
      expect(again).not.toBe(first);
      expect(await db.collection("pageviews").countDocuments({ websiteId: insertedId })).toBe(6);
    }, 60_000, 250);
    // /api/health shows what the supervisor did.
    await eventually(async () => {
      const health = (await (await fetch(`${url}/api/health`)).json()) as { status: string; store: { ok: boolean; supervisor?: { state: string; restarts: number } } };
      expect(health).toMatchObject({ status: "ok", store: { ok: true, supervisor: { state: "running", restarts: 1, lastExit: "SIGKILL" } } });
    });
  }, 90_000);

  it("exits non-zero, and stops its store, when the server is killed", async () => {
    const store = storePid();
    process.kill(serverPid(), "SIGKILL");
    const { code } = await exited;
    expect(code, output).not.toBe(0);
    expect(code).not.toBeNull();
    await eventually(async () => expect(isRunning(store)).toBe(false), 20_000);
    expect(output).toMatch(/server .*SIGKILL/);
  }, 60_000);
});
