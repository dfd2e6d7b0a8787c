// GET /api/track (the pixel): always a 1x1 GIF, whatever the request; an event
// is stored only when the request is valid, for a known site, from a person.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../../helpers/app";
import { eventually } from "../../helpers/eventually";
import { countsFor, flushBarrier, insertSite, NOTHING, openDb, UA } from "../../helpers/track";

type Site = { websiteId: string; domain: string };
let app: TestApp;
let db: mongoose.Connection;
let barrier: Site;

beforeAll(async () => {
  app = await startApp({ label: "trackpixel" });
  db = await openDb(app.dbUri);
  barrier = await insertSite(db);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const oid = (id: string) => new mongoose.Types.ObjectId(id);

function pixel(query: Record<string, string>, userAgent: string = UA.firefoxLinux): Promise<Response> {
  return fetch(`${app.url}/api/track?${new URLSearchParams(query)}`, { headers: { "user-agent": userAgent, accept: "image/avif,image/webp,*/*" } });
}

/**
 * Decodes a single-frame GIF strictly enough to tell a valid one from a
 * truncated one: header, screen descriptor, colour table, extensions, image
 * descriptor, the LZW stream up to its End-of-Information code, and the trailer.
 */
function decodeGif(bytes: Buffer): { width: number; height: number; pixels: number[]; endOfInformation: boolean; trailerAt: number } {
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw new Error(`GIF truncated at byte ${at}`);
  };
  need(13);
  const signature = bytes.subarray(0, 6).toString("latin1");
  if (!/^GIF8[79]a$/.test(signature)) throw new Error(`not a GIF: ${signature}`);
  const width = bytes.readUInt16LE(6);
  const height = bytes.readUInt16LE(8);
  const flags = bytes[10];
  at = 13;
  if (flags & 0x80) at += 3 * 2 ** ((flags & 7) + 1);
  const subBlocks = () => {
    const parts: Buffer[] = [];
    for (;;) {
      need(1);
      const size = bytes[at++];
      if (size === 0) return Buffer.concat(parts);
      need(size);
      parts.push(bytes.subarray(at, at + size));
      at += size;
    }
  };
  for (;;) {
    need(1);
    const introducer = bytes[at];
    if (introducer === 0x21) {
      at += 2; // introducer, label
      subBlocks();
    } else if (introducer === 0x2c) break;
    else throw new Error(`unexpected block 0x${introducer.toString(16)} at ${at}`);
  }
  need(10);
  const imageFlags = bytes[at + 9];
  at += 10;
  if (imageFlags & 0x80) at += 3 * 2 ** ((imageFlags & 7) + 1);
  need(1);
  const minCodeSize = bytes[at++];
  const data = subBlocks();
  // LZW, least significant bit first.
  const clear = 1 << minCodeSize;
  const eoi = clear + 1;
  let codeSize = minCodeSize + 1;
  let dict: number[][] = [];
  const reset = () => {
    dict = Array.from({ length: eoi + 1 }, (_, i) => (i < clear ? [i] : []));
    codeSize = minCodeSize + 1;
  };
  reset();
  const pixels: number[] = [];
  let bit = 0;
  let prev: number[] | null = null;
  let endOfInformation = false;
  while (bit + codeSize <= data.length * 8) {
    let code = 0;
    for (let i = 0; i < codeSize; i++, bit++) code |= ((data[bit >> 3] >> (bit & 7)) & 1) << i;
    if (code === clear) {
      reset();
      prev = null;
      continue;
    }
    if (code === eoi) {
      endOfInformation = true;
      break;
    }
    let entry: number[];
    if (code < dict.length && dict[code].length) entry = dict[code];
    else if (prev && code === dict.length) entry = [...prev, prev[0]];
    else throw new Error(`bad LZW code ${code}`);
    pixels.push(...entry);
    if (prev) dict.push([...prev, entry[0]]);
    if (dict.length === 1 << codeSize && codeSize < 12) codeSize++;
    prev = entry;
  }
  return { width, height, pixels, endOfInformation, trailerAt: at };
}

/** The pixel answer: 200, a 1x1 GIF, not cacheable (a cached pixel counts nobody). Returns its bytes. */
async function expectGif(res: Response): Promise<Buffer> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/gif");
  expect(res.headers.get("cache-control") ?? "").toMatch(/no-store/);
  const bytes = Buffer.from(await res.arrayBuffer());
  const gif = decodeGif(bytes);
  expect({ width: gif.width, height: gif.height, pixels: gif.pixels.length }).toEqual({ width: 1, height: 1, pixels: 1 });
  return bytes;
}

describe("the GIF itself", () => {
  it("is a valid 43-byte GIF for valid, invalid, unknown-website and bot requests alike", async () => {
    const site = await insertSite(db);
    const u = `https://${site.domain}/`;
    const bodies = [
      await expectGif(await pixel({ w: site.websiteId, u })),
      await expectGif(await pixel({ w: site.websiteId, u: "nope" })),
      await expectGif(await pixel({ w: String(new mongoose.Types.ObjectId()), u })),
      await expectGif(await pixel({ w: site.websiteId, u }, UA.googlebot)),
    ];
    for (const bytes of bodies) {
      const gif = decodeGif(bytes);
      // The image data must end with the LZW End-of-Information code (GIF89a spec, appendix F).
      expect(gif.endOfInformation, `LZW stream has no End-of-Information code: ${bytes.toString("hex")}`).toBe(true);
      expect(gif.trailerAt).toBe(bytes.length - 1);
      expect(bytes[gif.trailerAt], "trailer").toBe(0x3b);
      expect(bytes.length).toBe(43);
    }
  });
});

describe("GET /api/track records valid requests", () => {
  it("stores a pageview (the default type) with its referrer, and a cookieless visitor", async () => {
    const site = await insertSite(db);
    await expectGif(await pixel({ w: site.websiteId, u: `https://${site.domain}/newsletter/issue-7?utm_source=buttondown&utm_medium=email`, r: "https://www.google.com/search?q=secret" }));
    const pv = await eventually(async () => {
      const doc = await db.collection("pageviews").findOne({ websiteId: oid(site.websiteId) });
      expect(doc).not.toBeNull();
      return doc!;
    });
    expect(pv).toMatchObject({ path: "/newsletter/issue-7", hostname: site.domain, referrerDomain: "google.com", channel: "Email", utmSource: "buttondown", utmMedium: "email", browser: "Firefox", device: "desktop" });
    // The search terms in the referrer's query are not kept.
    expect(JSON.stringify(pv)).not.toContain("secret");
    // No cookie, no client id: the server derived a (hashed) visitor and a session.
    expect(pv.visitorId).toMatch(/^[0-9a-f]{32}$/);
    // Sessions are written at the buffer's checkpoint, which may come a moment after the pageview.
    await eventually(async () => {
      const session = await db.collection("sessions").findOne({ websiteId: oid(site.websiteId), sessionId: pv.sessionId });
      expect(session).toMatchObject({ visitorId: pv.visitorId, entryPage: "/newsletter/issue-7", pageviews: 1 });
    });
  });

  it("stores a goal for t=goal&n=name", async () => {
    const site = await insertSite(db);
    await expectGif(await pixel({ w: site.websiteId, u: `https://${site.domain}/thanks`, t: "goal", n: "Newsletter signup" }));
    await eventually(async () => {
      expect(await countsFor(db, site.websiteId)).toMatchObject({ goalevents: 1, pageviews: 0 });
    });
    expect(await db.collection("goalevents").findOne({ websiteId: oid(site.websiteId) })).toMatchObject({ name: "Newsletter signup", path: "/thanks" });
  });
});

describe("GET /api/track answers a GIF and stores nothing otherwise", () => {
  const invalid: [string, (s: Site) => Record<string, string>][] = [
    ["no parameters at all", () => ({})],
    ["no website id", (s) => ({ u: `https://${s.domain}/` })],
    ["a malformed website id", (s) => ({ w: "not-an-id", u: `https://${s.domain}/` })],
    ["no url", (s) => ({ w: s.websiteId })],
    ["a relative url", (s) => ({ w: s.websiteId, u: "/pricing" })],
    ["a url over 2000 characters", (s) => ({ w: s.websiteId, u: `https://${s.domain}/${"x".repeat(2100)}` })],
    ["a goal without a name", (s) => ({ w: s.websiteId, u: `https://${s.domain}/`, t: "goal" })],
    ["t=scroll (no meaning without script)", (s) => ({ w: s.websiteId, u: `https://${s.domain}/`, t: "scroll" })],
    ["t=identify (would put an email in a URL)", (s) => ({ w: s.websiteId, u: `https://${s.domain}/`, t: "identify" })],
    ["an unknown type", (s) => ({ w: s.websiteId, u: `https://${s.domain}/`, t: "click" })],
    ["another domain's page", (s) => ({ w: s.websiteId, u: "https://copycat.example.org/" })],
  ];

  it.each(invalid)("%s", async (_label, query) => {
    const site = await insertSite(db);
    await expectGif(await pixel(query(site)));
    await flushBarrier(app.url, db, barrier);
    expect(await countsFor(db, site.websiteId)).toEqual(NOTHING);
  });

  it("an unknown website", async () => {
    const ghost = String(new mongoose.Types.ObjectId());
    await expectGif(await pixel({ w: ghost, u: "https://ghost.example.com/" }));
    await expectGif(await pixel({ w: ghost, u: "https://ghost.example.com/", t: "goal", n: "x" }));
    await flushBarrier(app.url, db, barrier);
    expect(await countsFor(db, ghost)).toEqual(NOTHING);
  });

  it.each([
    ["Googlebot", UA.googlebot],
    ["HeadlessChrome", UA.headlessChrome],
    ["curl", UA.curl],
  ])("a bot (%s)", async (_label, userAgent) => {
    const site = await insertSite(db);
    await expectGif(await pixel({ w: site.websiteId, u: `https://${site.domain}/` }, userAgent));
    await expectGif(await pixel({ w: site.websiteId, u: `https://${site.domain}/`, t: "goal", n: "signup" }, userAgent));
    await flushBarrier(app.url, db, barrier);
    expect(await countsFor(db, site.websiteId)).toEqual(NOTHING);
    expect((await db.collection("websites").findOne({ _id: oid(site.websiteId) }))?.firstEventAt).toBeUndefined();
  });
});

describe("a mix of requests for one site", () => {
  it("records exactly the valid pageview and the valid goal", async () => {
    const site = await insertSite(db);
    const u = `https://${site.domain}/pricing`;
    const requests: [Record<string, string>, string?][] = [
      [{ w: site.websiteId, u }],
      [{ w: site.websiteId, u, t: "goal", n: "Trial" }],
      [{ w: site.websiteId, u }, UA.googlebot],
      [{ w: site.websiteId, u, t: "goal" }],
      [{ w: site.websiteId, u: "pricing" }],
      [{ w: site.websiteId, u, t: "scroll" }],
    ];
    for (const [query, userAgent] of requests) await expectGif(await pixel(query, userAgent));
    await eventually(async () => {
      expect(await countsFor(db, site.websiteId)).toMatchObject({ pageviews: 1, goalevents: 1 });
    });
    await flushBarrier(app.url, db, barrier);
    expect(await countsFor(db, site.websiteId)).toEqual({ pageviews: 1, goalevents: 1, sessions: 1, identities: 0 });
    const [pv, goal] = await Promise.all([
      db.collection("pageviews").findOne({ websiteId: oid(site.websiteId) }),
      db.collection("goalevents").findOne({ websiteId: oid(site.websiteId) }),
    ]);
    expect(goal).toMatchObject({ name: "Trial", path: "/pricing", visitorId: pv?.visitorId, sessionId: pv?.sessionId });
  });
});
