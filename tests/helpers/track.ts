// Shared by the /api/track integration tests: real user agents, a POST helper,
// direct access to the app's database, and a flush barrier that proves the
// ingest buffer has written everything acknowledged before it.
import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { expect } from "vitest";
import { eventually } from "./eventually";

export const UA = {
  chromeWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  safariIphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  googlebot: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  headlessChrome: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36",
  curl: "curl/8.5.0",
} as const;

export type TrackBody = Record<string, unknown>;

/** POST /api/track as a browser's fetch would send it (JSON), with a real UA unless overridden. */
export function postTrack(baseUrl: string, body: TrackBody | string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/api/track`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": UA.chromeWindows, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The response is the documented acceptance: 202, empty body, CORS, not dropped. */
export async function expectAccepted(res: Response): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(202);
  expect(res.headers.get("x-trailmark-dropped"), "unexpectedly dropped").toBeNull();
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  expect(text).toBe("");
}

/** The response is a drop: still 202 and empty, with the reason in X-Trailmark-Dropped. */
export async function expectDropped(res: Response, reason: string): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(202);
  expect(res.headers.get("x-trailmark-dropped")).toBe(reason);
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  expect(text).toBe("");
}

export const uid = () => randomBytes(6).toString("hex");

/** Opens a connection to the app's database (the app owns it; tests only read and seed). */
export async function openDb(dbUri: string): Promise<mongoose.Connection> {
  return mongoose.createConnection(dbUri).asPromise();
}

/** Inserts a website straight into the store; settings as the owner would have saved them. */
export async function insertSite(db: mongoose.Connection, opts: { domain?: string; settings?: Record<string, unknown> } = {}) {
  const domain = opts.domain ?? `s${uid()}.example.com`;
  const { insertedId } = await db.collection("websites").insertOne({
    userId: new mongoose.Types.ObjectId(),
    domain,
    name: domain,
    timezone: "UTC",
    currency: "USD",
    settings: opts.settings ?? {},
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  return { websiteId: String(insertedId), domain };
}

export const EVENT_COLLECTIONS = ["pageviews", "sessions", "goalevents", "identities"] as const;

/** How many documents each event collection holds for a website. */
export async function countsFor(db: mongoose.Connection, websiteId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of EVENT_COLLECTIONS) {
    out[c] = await db.collection(c).countDocuments({ websiteId: new mongoose.Types.ObjectId(websiteId) });
  }
  return out;
}

export const NOTHING = { pageviews: 0, sessions: 0, goalevents: 0, identities: 0 };

/**
 * Waits until the ingest buffer has written everything acknowledged so far:
 * a pageview to the barrier site is sent and awaited twice. Batches are
 * written one after the other, so once the second barrier is visible the
 * batch holding the first one (and anything queued before it) is complete.
 */
export async function flushBarrier(baseUrl: string, db: mongoose.Connection, barrier: { websiteId: string; domain: string }): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const path = `/barrier-${uid()}`;
    await expectAccepted(await postTrack(baseUrl, { type: "pageview", websiteId: barrier.websiteId, url: `https://${barrier.domain}${path}` }));
    await eventually(async () => {
      expect(await db.collection("pageviews").countDocuments({ websiteId: new mongoose.Types.ObjectId(barrier.websiteId), path })).toBe(1);
    });
  }
}

/** Every document of every collection of the database, as one JSON text per collection. */
export async function dumpDatabase(db: mongoose.Connection): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { name } of await db.db!.listCollections().toArray()) {
    const docs = await db.collection(name).find({}).toArray();
    out[name] = JSON.stringify(docs);
  }
  return out;
}
