import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import mongoose from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../../helpers/app";
import { eventually } from "../../helpers/eventually";

const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const CONCURRENCY = 16;
const apps: TestApp[] = [];
const connections: mongoose.Connection[] = [];
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await Promise.all(apps.map((a) => a.stop()));
});

async function siteOn(dbUri: string) {
  const db = await mongoose.createConnection(dbUri).asPromise();
  connections.push(db);
  const { insertedId } = await db.collection("websites").insertOne({ userId: new mongoose.Types.ObjectId(), domain: "durable.example", name: "d", settings: {} });
  return { db, websiteId: String(insertedId) };
}

/**
 * Sends pageviews from CONCURRENCY loops until the server dies. Returns how
 * many were acknowledged (202) and how many were in flight when it died: an
 * event the server logged but could not answer is stored without an ack.
 */
async function loadUntilDeath(url: string, websiteId: string, onAcked: (n: number) => void) {
  let acked = 0;
  let failed = 0;
  let seq = 0;
  const loop = async () => {
    for (;;) {
      const n = seq++;
      try {
        const res = await fetch(`${url}/api/track`, {
          method: "POST",
          headers: { "content-type": "text/plain", "user-agent": UA },
          body: JSON.stringify({ type: "pageview", websiteId, url: `https://durable.example/p/${n}`, visitorId: `v${n % 50}`, sessionId: `s${n % 50}` }),
        });
        if (res.status !== 202 || res.headers.has("x-trailmark-dropped")) throw new Error(`unexpected ${res.status}`);
        onAcked(++acked);
      } catch {
        failed++;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return { acked, inFlight: failed };
}

/** What a crash can leave in the log: a line torn mid-write at the end of the dead server's segment, and a corrupt one inside. */
function tearLog(dir: string, pid: number) {
  const names = readdirSync(dir);
  const file = path.join(dir, names.find((f) => f.startsWith(`active-${pid}-`)) ?? `active-${pid}-${Date.now()}.ndjson`);
  const lines = existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
  lines.splice(Math.floor(lines.length / 2), 0, "\u0000\u0000 not an event");
  writeFileSync(file, lines.map((l) => `${l}\n`).join("") + '{"id":"65f1c0ffee0123456789abcd","type":"page');
}

async function killMidLoad(signal: NodeJS.Signals, opts: { tear?: boolean } = {}) {
  const first = await startApp({ label: `durable_${signal}` });
  apps.push(first);
  const { db, websiteId } = await siteOn(first.dbUri);
  let death: Promise<void> | undefined;
  const { acked, inFlight } = await loadUntilDeath(first.url, websiteId, (n) => {
    if (n === 400) death = first.kill(signal);
  });
  // Connections close at once; the process exits only after its flush.
  await death;
  if (opts.tear) tearLog(first.ingestDir, first.pid);
  const storedAtDeath = await db.collection("pageviews").countDocuments();
  // The same deployment comes back: same database, same log directory.
  const second = await startApp({ dbUri: first.dbUri, ingestDir: first.ingestDir });
  apps.push(second);
  const stored = await eventually(async () => {
    const n = await db.collection("pageviews").countDocuments();
    expect(n).toBeGreaterThanOrEqual(acked);
    return n;
  });
  const health = (await (await fetch(`${second.url}/api/health`)).json()) as { ingest: { quarantined: number } };
  return { acked, inFlight, storedAtDeath, stored, output: first.output(), quarantined: health.ingest.quarantined };
}

// Each test starts two servers and runs a load: more than the default timeout on a busy machine.
describe("nothing acknowledged is lost", () => {
  it("SIGTERM mid-load: the server flushes before it exits", async () => {
    const r = await killMidLoad("SIGTERM");
    expect(r.acked).toBeGreaterThanOrEqual(400);
    expect(r.output).toMatch(/SIGTERM: flushing/);
    expect(r.output).toMatch(/every accepted event is in the store/);
    expect(r.storedAtDeath, r.output).toBeGreaterThanOrEqual(r.acked);
    expect(r.stored).toBeLessThanOrEqual(r.acked + r.inFlight);
  }, 120_000);

  it("SIGKILL mid-load: the next start replays the log, without duplicates", async () => {
    const r = await killMidLoad("SIGKILL");
    expect(r.acked).toBeGreaterThanOrEqual(400);
    expect(r.stored).toBeGreaterThanOrEqual(r.acked);
    expect(r.stored).toBeLessThanOrEqual(r.acked + r.inFlight);
  }, 120_000);

  it("SIGKILL mid-load, then a torn and a corrupt line in the log: the next start sets both aside and stores every acknowledged event", async () => {
    const r = await killMidLoad("SIGKILL", { tear: true });
    expect(r.acked).toBeGreaterThanOrEqual(400);
    expect(r.stored).toBeGreaterThanOrEqual(r.acked);
    expect(r.stored).toBeLessThanOrEqual(r.acked + r.inFlight);
    expect(r.quarantined).toBe(2);
  }, 120_000);
});
