// The hot path's website lookups while the store is unreachable: a relay in
// front of the real store is cut, so the real driver sees the outage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { resolveWebsite } from "@/lib/ingest/website-cache";
import { Website } from "@/models/Website";
import { makeWebsite } from "../../factories";
import { eventually } from "../../helpers/eventually";
import { databaseBehindProxy, type tcpProxy } from "../../helpers/tcp-proxy";

let proxy: Awaited<ReturnType<typeof tcpProxy>>;

beforeAll(async () => {
  const store = await databaseBehindProxy("sitecache");
  proxy = store.proxy;
  process.env.MONGODB_URI = store.viaProxy;
  await connectDb();
});
afterAll(async () => {
  await disconnectDb();
  await proxy?.close();
});

const HOUR = 3_600_000;

describe("resolveWebsite during a store outage", () => {
  it("serves the last good copy of a known website long after it would have been re-read, and re-reads once the store is back", async () => {
    const site = await makeWebsite({ settings: { cookieless: true } });
    const id = String(site._id);
    const t0 = Date.now();
    expect(await resolveWebsite(id, t0)).toMatchObject({ id, domain: site.domain, settings: { cookieless: true } });

    await proxy.cut();
    for (const later of [t0 + HOUR, t0 + 2 * HOUR, t0 + 3 * HOUR]) {
      expect(await resolveWebsite(id, later)).toMatchObject({ id, domain: site.domain, settings: { cookieless: true } });
    }

    await proxy.restore();
    // The driver reconnects on its own schedule.
    await eventually(() => Website.updateOne({ _id: site._id }, { $set: { "settings.cookieless": false } }), 30_000);
    // Once the store answers, the copy is refreshed (the next lookups see the change).
    await eventually(async () => expect((await resolveWebsite(id, Date.now() + 5 * HOUR))?.settings.cookieless).toBe(false), 30_000);
  }, 60_000);

  it("answers 503 store_unavailable for a website it has never seen while the store is down", async () => {
    const site = await makeWebsite();
    await proxy.cut();
    try {
      const err = await resolveWebsite(String(site._id)).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 503, code: "store_unavailable" });
    } finally {
      await proxy.restore();
    }
    // Once the store answers again (the cache leaves it alone for a moment after a failure), the website resolves.
    await eventually(async () => expect(await resolveWebsite(String(site._id))).toMatchObject({ id: String(site._id) }), 30_000);
  }, 60_000);
});
