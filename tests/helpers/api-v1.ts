// Shared by the /api/v1 tests: one app, one owner with two websites (A and B)
// and a key for each, a bearer client, and the app's database opened through
// lib/db so the factories can seed it.
import mongoose from "mongoose";
import { afterAll, beforeAll, expect } from "vitest";
import { connectDb, disconnectDb } from "@/lib/db";
import { createSite, uniqueDomain, type WebsiteBody } from "./api";
import { startApp, useDatabasesOf, type TestApp } from "./app";
import { newUser } from "./client";

export type Site = WebsiteBody & { key: string; keyId: string; oid: mongoose.Types.ObjectId };
export type V1 = { app: TestApp; db: mongoose.Connection; owner: Awaited<ReturnType<typeof newUser>>; a: Site; b: Site };

/** A request to /api/v1 with a bearer key (null: no Authorization header). */
export function v1(baseUrl: string, key: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const h = new Headers(headers);
  if (key !== null) h.set("authorization", `Bearer ${key}`);
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === "string" ? body : JSON.stringify(body);
    if (!h.has("content-type")) h.set("content-type", "application/json");
  }
  return fetch(`${baseUrl}/api/v1${path}`, { method, headers: h, body: payload });
}

export async function createKey(owner: V1["owner"], websiteId: string): Promise<{ id: string; key: string }> {
  const res = await owner.client.post(`/api/websites/${websiteId}/api-keys`, { name: "test" });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; key: string };
}

async function site(owner: V1["owner"], label: string): Promise<Site> {
  const website = await createSite(owner.client, { domain: uniqueDomain(label) });
  const { id: keyId, key } = await createKey(owner, website.id);
  return { ...website, key, keyId, oid: new mongoose.Types.ObjectId(website.id) };
}

/** Starts the app for the file; the returned object is filled in by beforeAll. */
export function useV1(label: string, env?: Record<string, string>): V1 {
  const ctx = {} as V1;
  beforeAll(async () => {
    ctx.app = await startApp({ label, env });
    ctx.db = await mongoose.createConnection(ctx.app.dbUri).asPromise();
    useDatabasesOf(ctx.app);
    await connectDb();
    ctx.owner = await newUser(ctx.app.url);
    ctx.a = await site(ctx.owner, "a");
    ctx.b = await site(ctx.owner, "b");
  });
  afterAll(async () => {
    await disconnectDb();
    await ctx.db?.close();
    await ctx.app?.stop();
  });
  return ctx;
}

/** Reads a JSON body, failing with the body in the message when the status is not `status`. */
export async function json<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}
