// The embedded store's supervisor (scripts/store.mjs): a real FerretDB process
// killed with SIGKILL, kept from coming back by holding its port, then let back.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helper shared with npm start
import { startStore, waitForPing } from "../../scripts/store.mjs";
import { eventually } from "../helpers/eventually";
import { isRunning } from "../helpers/processes";

type Status = { state: string; restarts: number; lastExit?: string; pid?: number };
type Store = { uri: string; child: { pid: number }; statusFile: string; stop(): Promise<void> };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function freshStore(options: Record<string, unknown> = {}): Promise<Store> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "tm-store-"));
  delete process.env.MONGODB_URI;
  const store = (await startStore({ dataDir, ...options })) as Store;
  cleanups.push(async () => {
    await store.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return store;
}

const statusOf = (store: Store) => JSON.parse(readFileSync(store.statusFile, "utf8")) as Status;

/** Listens on the port as soon as the dead store has let go of it, so its restarts fail. */
async function holdPort(port: number): Promise<net.Server> {
  return eventually(
    () =>
      new Promise<net.Server>((resolve, reject) => {
        const srv = net.createServer((s) => s.destroy());
        srv.once("error", reject);
        srv.listen(port, "127.0.0.1", () => resolve(srv));
      }),
    10_000,
    5,
  );
}

describe("the embedded store's supervisor", () => {
  it("restarts a killed store on the same port, with backoff while it cannot start, and says so in its status file", async () => {
    const store = await freshStore({ restartBaseMs: 50 });
    expect(statusOf(store)).toMatchObject({ state: "running", restarts: 0 });
    const first = store.child.pid;
    const port = Number(new URL(store.uri).port);
    process.kill(first, "SIGKILL");
    const blocker = await holdPort(port);
    // Every attempt fails while the port is taken: the status says so and counts them.
    const during = await eventually(async () => {
      const s = statusOf(store);
      expect(s).toMatchObject({ state: "restarting", lastExit: expect.any(String) });
      expect(s.restarts).toBeGreaterThanOrEqual(2);
      return s;
    }, 20_000);
    expect(isRunning(first)).toBe(false);
    await new Promise<void>((r) => blocker.close(() => r()));
    await eventually(async () => expect(statusOf(store)).toMatchObject({ state: "running" }), 30_000);
    expect(statusOf(store).restarts).toBeGreaterThanOrEqual(during.restarts);
    expect(store.child.pid).not.toBe(first);
    await waitForPing(store.uri, 10_000);
  }, 60_000);

  it("gives up after failing for longer than it is allowed, and tells its owner", async () => {
    let gaveUp = 0;
    const store = await freshStore({ restartBaseMs: 50, giveUpAfterMs: 1_000, onGiveUp: () => gaveUp++ });
    const port = Number(new URL(store.uri).port);
    process.kill(store.child.pid, "SIGKILL");
    const blocker = await holdPort(port);
    cleanups.push(() => new Promise<void>((r) => blocker.close(() => r())));
    await eventually(async () => expect(statusOf(store)).toMatchObject({ state: "failed" }), 20_000);
    expect(gaveUp).toBe(1);
  }, 30_000);

  it("does not restart a store it was asked to stop", async () => {
    const store = await freshStore({ restartBaseMs: 50 });
    const pid = store.child.pid;
    await store.stop();
    expect(isRunning(pid)).toBe(false);
    expect(statusOf(store)).toMatchObject({ state: "stopped" });
  });
});
