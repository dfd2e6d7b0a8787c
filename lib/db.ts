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

/** Round-trip time of a `ping`, or the error that stopped it. */
export async function pingDb(): Promise<{ ok: true; latencyMs: number } | { ok: false; error: string }> {
  const started = performance.now();
  try {
    const conn = await connectDb();
    await conn.connection.db!.admin().command({ ping: 1 });
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
