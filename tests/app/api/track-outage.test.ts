// /api/track when what is behind it fails: the store unreachable (a relay the
// test cuts, in front of the real store) and the event log unwritable (a real
// file-size limit on the server process). It answers 202 while it can keep the
// event, 503 at once when it cannot, and /api/health says which.
import { spawnSync } from "node:child_process";
import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../helpers/api";
import { eventually } from "../../helpers/eventually";
import { useAppBehindProxy } from "../../helpers/outage";
import { expectAccepted, insertSite, postTrack } from "../../helpers/track";

const t = useAppBehindProxy("track_outage");

type Health = { status: string; store: { ok: boolean }; ingest: { log: string; waiting: number; quarantined: number } };
const health = async () => {
  const res = await fetch(`${t.app.url}/api/health`);
  return { status: res.status, body: (await res.json()) as Health };
};
const pageview = (site: { websiteId: string; domain: string }, n: number) => ({ type: "pageview", websiteId: site.websiteId, url: `https://${site.domain}/o/${n}`, visitorId: "ov", sessionId: "os" });
const stored = async (site: { websiteId: string }) => t.db.collection("pageviews").countDocuments({ websiteId: new mongoose.Types.ObjectId(site.websiteId) });

describe("store outage", () => {
  it("keeps answering 202 for a known website, 503 for one it cannot check, and writes everything once the store is back", async () => {
    const site = await insertSite(t.db);
    const unseen = await insertSite(t.db);
    await expectAccepted(await postTrack(t.app.url, pageview(site, 0)));
    await eventually(async () => expect(await stored(site)).toBe(1));

    await t.proxy.cut();
    try {
      for (let n = 1; n <= 20; n++) await expectAccepted(await postTrack(t.app.url, pageview(site, n)));
      const refused = await postTrack(t.app.url, pageview(unseen, 0));
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      await expectApiError(refused, 503, "store_unavailable");
      const down = await eventually(async () => {
        const h = await health();
        expect(h.status).toBe(503);
        expect(h.body).toMatchObject({ status: "degraded", store: { ok: false }, ingest: { log: "ok" } });
        expect(h.body.ingest.waiting).toBeGreaterThan(0);
        return h;
      });
      expect(down.body.ingest.quarantined).toBe(0);
    } finally {
      await t.proxy.restore();
    }
    await eventually(async () => expect(await stored(site)).toBe(21), 60_000);
    expect(await stored(unseen)).toBe(0);
    await eventually(async () => expect(await health()).toMatchObject({ status: 200, body: { status: "ok", ingest: { waiting: 0 } } }), 30_000);
  }, 120_000);
});

describe("event log unwritable", () => {
  const limit = (bytes: string) => {
    const res = spawnSync("prlimit", ["--pid", String(t.app.pid), `--fsize=${bytes}:`]);
    expect(res.status, String(res.stderr)).toBe(0);
  };

  it("answers 503 ingest_unavailable at once, says so in /api/health, and accepts again when the log can be written", async () => {
    const site = await insertSite(t.db);
    await expectAccepted(await postTrack(t.app.url, pageview(site, 0)));
    limit("1");
    try {
      const res = await postTrack(t.app.url, pageview(site, 1));
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      await expectApiError(res, 503, "ingest_unavailable");
      const h = await health();
      expect(h).toMatchObject({ status: 503, body: { status: "degraded", ingest: { log: "failing" } } });
    } finally {
      limit("unlimited");
    }
    await expectAccepted(await postTrack(t.app.url, pageview(site, 2)));
    // The refused event is not in the store; the two acknowledged ones are, each once.
    await eventually(async () => {
      const paths = (await t.db.collection("pageviews").find({ websiteId: new mongoose.Types.ObjectId(site.websiteId) }).toArray()).map((d) => d.path).sort();
      expect(paths).toEqual(["/o/0", "/o/2"]);
    });
    await eventually(async () => expect(await health()).toMatchObject({ status: 200, body: { ingest: { log: "ok" } } }));
  }, 60_000);
});
