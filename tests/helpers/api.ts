// Small assertions and factories shared by the dashboard-API tests.
import { expect } from "vitest";
import type { Client } from "./client";

export type ApiErrorBody = { error: { code: string; message: string } };

export type WebsiteBody = {
  id: string;
  domain: string;
  name: string;
  timezone: string;
  currency: string;
  settings: Record<string, unknown>;
  paymentProviders: Record<string, { configured: boolean }>;
};

/**
 * The response is the documented error: the given status, and a body that is
 * exactly `{"error": {"code": "snake_case", "message": "..."}}`.
 */
export async function expectApiError(res: Response, status: number, code?: string): Promise<ApiErrorBody> {
  const text = await res.text();
  expect(res.status, `${res.status} ${text}`).toBe(status);
  expect(res.headers.get("content-type") ?? "").toContain("application/json");
  const body = JSON.parse(text) as ApiErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "message"]);
  expect(body.error.code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  if (code !== undefined) expect(body.error.code).toBe(code);
  return body;
}

/** Creates a website through the API and returns it; fails the test on anything but 201. */
export async function createSite(client: Client, body: Record<string, unknown>): Promise<WebsiteBody> {
  const res = await client.post("/api/websites", body);
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return (JSON.parse(text) as { website: WebsiteBody }).website;
}

let domainCounter = 0;
/** A domain no other test in the file uses. */
export function uniqueDomain(label = "site"): string {
  return `${label}-${Date.now().toString(36)}-${domainCounter++}.example.com`;
}
