// POST /api/track over HTTP: every refusal (400, 404, 413) with its exact error
// body and CORS header, nothing stored for any of them; preflight; text/plain.
import http from "node:http";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { newUser } from "../../helpers/client";
import { eventually } from "../../helpers/eventually";
import { countsFor, expectAccepted, flushBarrier, insertSite, NOTHING, openDb, postTrack, UA } from "../../helpers/track";

type Site = { websiteId: string; domain: string };
let app: TestApp;
let db: mongoose.Connection;
/** The site the shared refusals name: nothing may ever be stored for it. */
let target: Site;
let barrier: Site;
/** Sites of the refusals that each have their own site, checked at the end. */
const refusedSites: { label: string; site: Site }[] = [];

beforeAll(async () => {
  app = await startApp({ label: "trackinput" });
  db = await openDb(app.dbUri);
  target = await insertSite(db);
  barrier = await insertSite(db);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const valid = (site: Site = target) => ({ type: "pageview", websiteId: site.websiteId, url: `https://${site.domain}/pricing` });
const props = (n: number, key = (i: number) => `k${i}`, value = (i: number) => `v${i}`) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [key(i), value(i)]));

/** The refusal is the documented error, and carries CORS so the tracker's fetch can read it. */
async function expectTrackError(res: Response, status: number, code: string) {
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  return expectApiError(res, status, code);
}

/** POSTs a raw body with Transfer-Encoding: chunked and no Content-Length, in pieces. */
function postChunked(body: string, chunkSize = 4096): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const url = new URL(`${app.url}/api/track`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "text/plain", "transfer-encoding": "chunked", "user-agent": UA.chromeWindows } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    // The server may answer 413 and stop reading before the last chunk: that is the point.
    req.on("error", (err) => ((err as NodeJS.ErrnoException).code === "EPIPE" || (err as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(err)));
    expect(req.getHeader("content-length")).toBeUndefined();
    let i = 0;
    const writeNext = () => {
      if (i >= body.length) return req.end();
      const piece = body.slice(i, i + chunkSize);
      i += chunkSize;
      if (req.write(piece)) setImmediate(writeNext);
      else req.once("drain", writeNext);
    };
    writeNext();
  });
}

describe("400 invalid_json", () => {
  it.each([
    ["truncated JSON", '{"type":"pageview","websiteId":'],
    ["not JSON at all", "type=pageview&url=x"],
    ["an empty body", ""],
  ])("refuses %s", async (_label, body) => {
    await expectTrackError(await postTrack(app.url, body), 400, "invalid_json");
  });
});

describe("400 invalid_input", () => {
  const long = (site: Site, n: number) => `https://${site.domain}/${"a".repeat(n - `https://${site.domain}/`.length)}`;
  const cases: [string, (site: Site) => unknown][] = [
    ["a JSON array instead of an object", (site) => [valid(site)]],
    ["an unknown event type", (site) => ({ ...valid(site), type: "click" })],
    ["a missing type", (site) => ({ websiteId: site.websiteId, url: valid(site).url })],
    ["a missing websiteId", (site) => ({ type: "pageview", url: valid(site).url })],
    ["a websiteId that is not an ObjectId", (site) => ({ ...valid(site), websiteId: "my-site" })],
    ["a missing url", (site) => ({ type: "pageview", websiteId: site.websiteId })],
    ["a relative url", (site) => ({ ...valid(site), url: "/pricing" })],
    ["a url without scheme", (site) => ({ ...valid(site), url: `${site.domain}/pricing` })],
    ["a non-http url", (site) => ({ ...valid(site), url: "javascript:alert(1)" })],
    ["a url of 2001 characters", (site) => ({ ...valid(site), url: long(site, 2001) })],
    ["a referrer of 2001 characters", (site) => ({ ...valid(site), referrer: `https://news.example.org/${"r".repeat(2001 - "https://news.example.org/".length)}` })],
    ["21 props", (site) => ({ ...valid(site), type: "goal", name: "signup", props: props(21) })],
    ["a prop key of 65 characters", (site) => ({ ...valid(site), type: "goal", name: "signup", props: { ["k".repeat(65)]: "v" } })],
    ["a prop value of 256 characters", (site) => ({ ...valid(site), type: "goal", name: "signup", props: { plan: "v".repeat(256) } })],
    ["a prop value that is an object", (site) => ({ ...valid(site), type: "goal", name: "signup", props: { plan: { nested: true } } })],
    // JSON.parse makes "__proto__" an own key; it must be refused, not dropped on the way.
    ["a prop key __proto__", (site) => ({ ...valid(site), type: "goal", name: "signup", props: { ["__proto__"]: "x", plan: "pro" } })],
    ["a goal without name", (site) => ({ ...valid(site), type: "goal" })],
    ["a goal with a blank name", (site) => ({ ...valid(site), type: "goal", name: "   " })],
    ["a scroll without scrollDepth", (site) => ({ ...valid(site), type: "scroll" })],
    ["an identify without userId or email", (site) => ({ ...valid(site), type: "identify" })],
    ["a vitals event without vitals", (site) => ({ ...valid(site), type: "vitals" })],
    ["a vitals event with a negative LCP", (site) => ({ ...valid(site), type: "vitals", vitals: { lcp: -5, ttfb: 80 } })],
    ["a vitals event with a CLS given as text", (site) => ({ ...valid(site), type: "vitals", vitals: { cls: "0.1" } })],
  ];
  it.each(cases)("refuses %s", async (label, body) => {
    // Each case names its own site, so the final check can say which refusal stored something.
    const site = await insertSite(db);
    refusedSites.push({ label, site });
    await expectTrackError(await postTrack(app.url, JSON.stringify(body(site))), 400, "invalid_input");
  });

  it("accepts the limits themselves: a 2000-character url, 20 props, 64-character keys, 255-character values", async () => {
    const site = await insertSite(db);
    const url = `https://${site.domain}/${"a".repeat(2000 - `https://${site.domain}/`.length)}`;
    expect(url).toHaveLength(2000);
    await expectAccepted(await postTrack(app.url, { type: "pageview", websiteId: site.websiteId, url }));
    const edgeProps = props(20, (i) => `${i}`.padEnd(64, "k"), () => "v".repeat(255));
    await expectAccepted(await postTrack(app.url, { type: "goal", name: "limits", websiteId: site.websiteId, url: `https://${site.domain}/`, props: edgeProps }));
    await eventually(async () => {
      expect(await countsFor(db, site.websiteId)).toMatchObject({ pageviews: 1, goalevents: 1 });
    });
    const goal = await db.collection("goalevents").findOne({ websiteId: new mongoose.Types.ObjectId(site.websiteId) });
    expect(goal?.props).toHaveLength(20);
  });
});

describe("413 payload_too_large", () => {
  // Valid JSON padded with whitespace: only the size can be wrong with it.
  const padded = (bytes: number) => {
    const json = JSON.stringify(valid());
    return json + " ".repeat(bytes - Buffer.byteLength(json));
  };

  it("refuses a body over 16 KB sent with its Content-Length", async () => {
    const res = await postTrack(app.url, padded(16 * 1024 + 1));
    await expectTrackError(res, 413, "payload_too_large");
  });

  it("refuses a large body sent with a correct Content-Length (64 KB)", async () => {
    await expectTrackError(await postTrack(app.url, padded(64 * 1024)), 413, "payload_too_large");
  });

  it("refuses a chunked body over 16 KB that declares no Content-Length", async () => {
    const res = await postChunked(padded(40 * 1024));
    expect(res.status, res.text).toBe(413);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(JSON.parse(res.text)).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
  });

  it("counts bytes, not characters: 6,000 three-byte characters are 18 KB", async () => {
    const body = JSON.stringify({ ...valid(), title: "€".repeat(6000) });
    expect(body.length).toBeLessThan(16 * 1024);
    await expectTrackError(await postTrack(app.url, body), 413, "payload_too_large");
  });

  it("accepts exactly 16 KB, with a Content-Length and chunked", async () => {
    const site = await insertSite(db);
    const body = (path: string) => {
      const json = JSON.stringify({ type: "pageview", websiteId: site.websiteId, url: `https://${site.domain}${path}` });
      return json + " ".repeat(16 * 1024 - Buffer.byteLength(json));
    };
    await expectAccepted(await postTrack(app.url, body("/declared")));
    const chunked = await postChunked(body("/chunked"));
    expect(chunked.status, chunked.text).toBe(202);
    await eventually(async () => {
      const paths = await db.collection("pageviews").distinct("path", { websiteId: new mongoose.Types.ObjectId(site.websiteId) });
      expect(paths.sort()).toEqual(["/chunked", "/declared"]);
    });
  });
});

describe("404 unknown_website", () => {
  it("answers exactly {error: {code: unknown_website}} for a well-formed id no website has", async () => {
    const ghost = String(new mongoose.Types.ObjectId());
    const res = await postTrack(app.url, { type: "pageview", websiteId: ghost, url: "https://ghost.example.com/" });
    await expectTrackError(res, 404, "unknown_website");
    // Asked twice: the cached miss answers the same.
    await expectTrackError(await postTrack(app.url, { type: "pageview", websiteId: ghost, url: "https://ghost.example.com/" }), 404, "unknown_website");
    await flushBarrier(app.url, db, barrier);
    expect(await countsFor(db, ghost)).toEqual(NOTHING);
  });
});

describe("404 after the website is deleted", () => {
  it("refuses events for a website its owner just deleted, and writes none into the emptied collections", async () => {
    const { client } = await newUser(app.url, "Deleter");
    const created = await createSite(client, { domain: uniqueDomain("deleted") });
    const event = (path: string) => ({ type: "pageview", websiteId: created.id, url: `https://${created.domain}${path}` });
    // The site has been seen by the ingest path (and so is in its cache) before it is deleted.
    await expectAccepted(await postTrack(app.url, event("/before")));
    await eventually(async () => expect((await countsFor(db, created.id)).pageviews).toBe(1));
    const del = await client.delete(`/api/websites/${created.id}`);
    expect(del.status, await del.text()).toBe(204);
    expect(await countsFor(db, created.id)).toEqual(NOTHING);

    const after = await postTrack(app.url, event("/after"));
    const text = await after.text();
    await flushBarrier(app.url, db, barrier);
    const counts = await countsFor(db, created.id);
    // Soft, so one run shows both the wrong status and the orphaned documents.
    expect.soft(after.status, text).toBe(404);
    expect.soft(after.headers.get("access-control-allow-origin")).toBe("*");
    expect.soft(text ? JSON.parse(text) : text).toEqual({ error: { code: "unknown_website", message: expect.any(String) } });
    expect(counts, "events stored for a deleted website").toEqual(NOTHING);
  });
});

describe("nothing is written for a refused event", () => {
  it("leaves every named website without events and without firstEventAt", async () => {
    // The barrier proves the buffer has flushed everything acknowledged before it.
    await flushBarrier(app.url, db, barrier);
    expect(refusedSites.length).toBeGreaterThan(10);
    for (const { label, site } of [{ label: "invalid_json / 413 / shared", site: target }, ...refusedSites]) {
      expect(await countsFor(db, site.websiteId), `stored after refusing ${label}`).toEqual(NOTHING);
      const doc = await db.collection("websites").findOne({ _id: new mongoose.Types.ObjectId(site.websiteId) });
      expect(doc?.firstEventAt, `firstEventAt set after refusing ${label}`).toBeUndefined();
    }
  });
});

describe("CORS and sendBeacon", () => {
  it("answers the preflight with 204 and the CORS headers", async () => {
    const res = await fetch(`${app.url}/api/track`, {
      method: "OPTIONS",
      headers: { origin: "https://customer.example.org", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toMatch(/\bPOST\b/);
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
    // No credentials: a wildcard origin with credentials would be refused by browsers anyway.
    expect(res.headers.get("access-control-allow-credentials")).not.toBe("true");
  });

  it("accepts a text/plain body (what navigator.sendBeacon sends) and stores it", async () => {
    const site = await insertSite(db);
    const res = await postTrack(app.url, JSON.stringify({ type: "pageview", websiteId: site.websiteId, url: `https://${site.domain}/beacon`, visitorId: "beaconvisitor", sessionId: "beaconsession" }), {
      "content-type": "text/plain;charset=UTF-8",
      origin: "https://customer.example.org",
    });
    await expectAccepted(res);
    await eventually(async () => {
      const pv = await db.collection("pageviews").findOne({ websiteId: new mongoose.Types.ObjectId(site.websiteId) });
      expect(pv).toMatchObject({ path: "/beacon", visitorId: "beaconvisitor", sessionId: "beaconsession" });
    });
  });
});
