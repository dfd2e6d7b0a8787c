import mongoose from "mongoose";
import { keepOnlyUniqueIndexes } from "@/models/define";
import { dropUnreadIndexes, isFerretDb } from "./ferretdb";

// Next.js reloads modules in dev and runs route bundles side by side; one
// connection per process is kept on globalThis so they all share it.
const cache = globalThis as unknown as { __trailmarkDb?: Promise<typeof mongoose> };

export function databaseUri(): string {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error("MONGODB_URI is not set: start the app with `npm start` or `npm run dev`, which start a store");
  return uri;
}

export function connectDb(): Promise<typeof mongoose> {
  if (!cache.__trailmarkDb) {
    mongoose.set("strictQuery", true);
    cache.__trailmarkDb = connect(databaseUri()).catch((err) => {
      cache.__trailmarkDb = undefined;
      throw err;
    });
  }
  return cache.__trailmarkDb;
}

async function connect(uri: string): Promise<typeof mongoose> {
  // Before mongoose connects: it builds the models' indexes once connected.
  const ferret = await isFerretDb(uri);
  if (ferret) keepOnlyUniqueIndexes();
  const conn = await mongoose.connect(uri, { serverSelectionTimeoutMS: 5000, maxPoolSize: 20 });
  if (ferret) void dropUnreadIndexes().catch(() => {});
  return conn;
}

export async function disconnectDb(): Promise<void> {
  if (!cache.__trailmarkDb) return;
  cache.__trailmarkDb = undefined;
  await mongoose.disconnect();
}

/** The store did not answer (down, unreachable, or the connection was cut), as opposed to refusing a query. */
export function isStoreUnavailable(err: unknown): boolean {
  const name = (err as Error | null)?.name ?? "";
  return /^Mongo(ServerSelection|Network|NetworkTimeout|NotConnected|TopologyClosed|PoolCleared|PoolClosed)Error$/.test(name) || /buffering timed out|connection .* closed/i.test(String((err as Error)?.message));
}

/** Whether the driver currently holds a live connection to the store. */
export const storeConnected = (): boolean => mongoose.connection.readyState === 1;

/** Round-trip time of a `ping`, or the error that stopped it (no answer within `timeoutMs` is one). */
export async function pingDb(timeoutMs = 2_000): Promise<{ ok: true; latencyMs: number } | { ok: false; error: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const conn = await Promise.race([connectDb(), late]);
    await Promise.race([conn.connection.db!.admin().command({ ping: 1 }), late]);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
