import type mongoose from "mongoose";
import { afterAll, beforeAll } from "vitest";
import { startApp, type TestApp } from "./app";
import { databaseBehindProxy } from "./tcp-proxy";
import { openDb } from "./track";

export type AppBehindProxy = { app: TestApp; db: mongoose.Connection; proxy: Awaited<ReturnType<typeof databaseBehindProxy>>["proxy"] };

/**
 * The app for this file, reaching its store through a relay the test can cut:
 * a real outage of the connection, with the real driver and the real store
 * behind it. `db` is a direct connection, for the test's own checks.
 */
export function useAppBehindProxy(label: string): AppBehindProxy {
  const ctx = {} as AppBehindProxy;
  beforeAll(async () => {
    const store = await databaseBehindProxy(label);
    ctx.proxy = store.proxy;
    ctx.app = await startApp({ dbUri: store.viaProxy });
    ctx.db = await openDb(store.direct);
  });
  afterAll(async () => {
    await ctx.db?.close();
    await ctx.app?.stop();
    await ctx.proxy?.close();
  });
  return ctx;
}
