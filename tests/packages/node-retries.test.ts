// @trailmark/node's retry rules, on a scripted fetch and a fake clock: which
// answers are retried for which calls, how long it waits (Retry-After first),
// and what it throws when it gives up.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { buildPackages, importBuilt } from "../helpers/packages";

// Types from the source (no build needed to typecheck), the code from the build.
type Sdk = typeof import("../../packages/node/src/index");
let sdk: Sdk;
beforeAll(async () => {
  buildPackages();
  sdk = await importBuilt("@trailmark/node");
});
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

type Step = { status: number; body?: unknown; headers?: Record<string, string> } | "network" | "hang";
const OK_PAYMENT = { payment: { transactionId: "t1" } };
const rateLimited = (retryAfter: string): Step => ({ status: 429, body: { error: { code: "rate_limited", message: "Too many requests" } }, headers: { "retry-after": retryAfter } });
const failing = (status: number): Step => ({ status, body: { error: { code: "unavailable", message: "try later" } } });

/** A fetch that answers `steps` in order and records when each call came, on the fake clock. */
function scripted(steps: Step[]) {
  const calls: { at: number; method: string; url: string }[] = [];
  const fetch: typeof globalThis.fetch = async (url, init) => {
    calls.push({ at: Date.now(), method: String(init?.method), url: String(url) });
    const step = steps.shift() ?? { status: 200, body: {} };
    if (step === "network") throw new TypeError("fetch failed");
    if (step === "hang") return new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const body = step.status === 204 ? null : JSON.stringify(step.body ?? {});
    return new Response(body, { status: step.status, headers: { "content-type": "application/json", ...step.headers } });
  };
  return { fetch, calls };
}

const client = (steps: Step[], opts: Record<string, number> = {}) => {
  const s = scripted(steps);
  return { tm: new sdk.Trailmark({ apiKey: "tm_test", host: "https://tm.example", fetch: s.fetch, ...opts }), calls: s.calls };
};

/** Runs `p` to the end on the fake clock and returns what it settled to. */
async function settle<T>(p: Promise<T>): Promise<{ value?: T; error?: InstanceType<Sdk["TrailmarkError"]> }> {
  const out = p.then((value) => ({ value }), (error) => ({ error }));
  await vi.runAllTimersAsync();
  return out;
}

describe("retries", () => {
  it("waits exactly what Retry-After says (seconds or a date) before trying again", async () => {
    const start = Date.now();
    const { tm, calls } = client([rateLimited("2"), rateLimited(new Date(start + 5_000).toUTCString()), { status: 200, body: { activeVisitors: 3, pages: [] } }]);
    const p = tm.realtime();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect((await settle(p)).value).toMatchObject({ activeVisitors: 3 });
    expect(calls.map((c) => c.at - start)).toEqual([0, 2_000, 5_000]);
    expect(calls[0].url).toBe("https://tm.example/api/v1/realtime");
  });

  it("retries a payment on 5xx and on a lost connection: it is idempotent by transactionId", async () => {
    const { tm, calls } = client([failing(502), "network", { status: 201, body: OK_PAYMENT }]);
    const { value } = await settle(tm.payments.record({ transactionId: "t1", amount: 100, currency: "usd" }));
    expect(value).toEqual({ payment: OK_PAYMENT.payment, created: true });
    expect(calls.map((c) => c.method)).toEqual(["POST", "POST", "POST"]);
    // Backoff grows: 250 ms × 2^attempt, jittered between half and all of it.
    const waits = calls.slice(1).map((c, i) => c.at - calls[i].at);
    expect(waits[0]).toBeGreaterThanOrEqual(250);
    expect(waits[0]).toBeLessThanOrEqual(500);
    expect(waits[1]).toBeGreaterThanOrEqual(500);
    expect(waits[1]).toBeLessThanOrEqual(1_000);
  });

  it("retries a goal only when the server said it did nothing (429, 503): a repeat would count it twice", async () => {
    const goal = { visitorId: "v1", name: "signup" };
    const after503 = client([failing(503), { status: 201, body: { goal } }]);
    expect((await settle(after503.tm.goals.record(goal))).value).toEqual({ goal });
    expect(after503.calls).toHaveLength(2);
    for (const step of [failing(502), failing(500), "network"] as Step[]) {
      const once = client([step, { status: 201, body: { goal } }]);
      const { error } = await settle(once.tm.goals.record(goal));
      expect(error).toBeInstanceOf(sdk.TrailmarkError);
      expect(error!.attempts).toBe(1);
      expect(once.calls).toHaveLength(1);
    }
  });

  it("does not retry what a retry cannot fix (400, 401, 404, 409)", async () => {
    for (const status of [400, 401, 404, 409]) {
      const { tm, calls } = client([{ status, body: { error: { code: "nope", message: "no" } } }]);
      const { error } = await settle(tm.stats.overview());
      expect(error).toMatchObject({ status, code: "nope", attempts: 1 });
      expect(calls).toHaveLength(1);
    }
  });

  it("gives up after maxRetries with the last error, and at once when Retry-After is longer than maxRetryDelayMs", async () => {
    const exhausted = client([failing(503), failing(503), failing(503)], { maxRetries: 2 });
    expect((await settle(exhausted.tm.visitors.list())).error).toMatchObject({ status: 503, code: "unavailable", attempts: 3 });
    const tooLong = client([rateLimited("120")], { maxRetryDelayMs: 60_000 });
    const { error } = await settle(tooLong.tm.visitors.list());
    expect(error).toMatchObject({ status: 429, code: "rate_limited", retryAfter: 120, attempts: 1 });
    expect(error!.message).toBe("GET /api/v1/visitors answered 429 rate_limited: Too many requests");
  });

  it("abandons an attempt after timeoutMs and tries again", async () => {
    const { tm, calls } = client(["hang", { status: 200, body: { visitors: [], nextCursor: null } }], { timeoutMs: 1_000 });
    expect((await settle(tm.visitors.list())).value).toEqual({ visitors: [], nextCursor: null });
    expect(calls).toHaveLength(2);
    const hung = client(["hang", "hang"], { timeoutMs: 1_000, maxRetries: 1 });
    expect((await settle(hung.tm.visitors.list())).error).toMatchObject({ status: 0, code: "timeout", message: "GET /api/v1/visitors timeout: no answer within 1000 ms" });
  });
});
