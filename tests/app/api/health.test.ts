// GET /api/health: the app's version and whether the store answers.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../../helpers/app";

const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../package.json"), "utf8")) as { version: string };

let app: TestApp;

beforeAll(async () => {
  app = await startApp({ label: "health" });
});
afterAll(async () => {
  await app?.stop();
});

describe("GET /api/health", () => {
  it("answers 200 with status ok, the package version, the store's latency and the ingest log's state", async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type") ?? "").toContain("application/json");
    const body = (await res.json()) as { status: string; version: string; store: { ok: boolean; latencyMs: number } };
    expect(body).toEqual({
      status: "ok",
      version: pkg.version,
      store: { ok: true, latencyMs: expect.any(Number) },
      ingest: { waiting: 0, failures: 0, lastError: null, quarantined: 0, log: "ok" },
    });
    expect(Number.isFinite(body.store.latencyMs)).toBe(true);
    expect(body.store.latencyMs).toBeGreaterThanOrEqual(0);
    expect(body.store.latencyMs).toBeLessThan(5000);
  });

  it("is computed per request, not cached from the build", async () => {
    const first = (await (await fetch(`${app.url}/api/health`)).json()) as { store: { latencyMs: number } };
    const res = await fetch(`${app.url}/api/health`);
    expect(res.headers.get("x-nextjs-cache")).toBeNull();
    expect(res.headers.get("cache-control") ?? "").not.toMatch(/s-maxage=\d*[1-9]/);
    const second = (await res.json()) as { store: { latencyMs: number } };
    expect(typeof first.store.latencyMs).toBe("number");
    expect(typeof second.store.latencyMs).toBe("number");
  });
});
