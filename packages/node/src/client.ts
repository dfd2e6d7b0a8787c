import { TrailmarkError } from "./errors.js";
import { OPERATIONS, type Operations } from "./generated.js";

export type OperationId = keyof Operations;
type Args<K extends OperationId> = { params?: Operations[K]["params"]; query?: Operations[K]["query"]; body?: Operations[K]["body"] };

export type TrailmarkOptions = {
  /** A website's API key (`tm_...`), from its Settings → API keys. */
  apiKey: string;
  /** Your Trailmark's address, e.g. `https://trailmark.example.com`. */
  host: string;
  /** Attempts after the first on 429, 5xx and network errors (default 3). */
  maxRetries?: number;
  /** The longest wait before a retry, Retry-After included (default 30 s): a longer Retry-After is thrown to you. */
  maxRetryDelayMs?: number;
  /** Time for one attempt (default 10 s). */
  timeoutMs?: number;
  /** Another fetch (a test double, a proxy agent); the global one by default. */
  fetch?: typeof fetch;
};

export type Answer<K extends OperationId> = { status: number; data: Operations[K]["response"] };
type Reply = { status: number; ok: boolean; headers: Headers; text: string };

// Calls a repeat cannot double: reads, deletes, payments (by transactionId)
// and identify (it sets fields). A goal sent twice counts twice, so it is only
// retried when the server said it did nothing (429, 503).
const IDEMPOTENT = new Set<OperationId>(["postPayments", "postIdentify"]);
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seconds of a Retry-After header (delta-seconds or an HTTP date). */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The low-level client: one method, every operation of /api/v1 by its id. */
export class ApiClient {
  readonly #key: string;
  readonly #base: string;
  readonly #fetch: typeof fetch;
  readonly #retries: number;
  readonly #maxDelay: number;
  readonly #timeout: number;

  constructor(o: TrailmarkOptions) {
    if (!o || typeof o.apiKey !== "string" || !o.apiKey.trim()) throw new TypeError("Trailmark: apiKey is required (a website's key, from its Settings → API keys)");
    let url: URL;
    try {
      url = new URL(o.host);
      if (!/^https?:$/.test(url.protocol)) throw new Error();
    } catch {
      throw new TypeError(`Trailmark: host must be the http(s) address of your Trailmark, e.g. https://trailmark.example.com (got ${JSON.stringify(o.host)})`);
    }
    this.#key = o.apiKey.trim();
    this.#base = url.origin + url.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "") + "/api/v1";
    const f = o.fetch ?? globalThis.fetch;
    if (typeof f !== "function") throw new TypeError("Trailmark: no fetch here; pass one as options.fetch");
    this.#fetch = f;
    this.#retries = o.maxRetries ?? 3;
    this.#maxDelay = o.maxRetryDelayMs ?? 30_000;
    this.#timeout = o.timeoutMs ?? 10_000;
  }

  /** Calls one operation; retries what may be retried; throws TrailmarkError for anything but 2xx. */
  async call<K extends OperationId>(id: K, args: Args<K> = {}): Promise<Answer<K>> {
    const op = OPERATIONS[id];
    const url = this.#url(id, args);
    const label = `${op.method} ${new URL(url).pathname}`;
    const init: RequestInit = {
      method: op.method,
      headers: { accept: "application/json, text/csv", ...(op.auth && { authorization: `Bearer ${this.#key}` }), ...(args.body !== undefined && { "content-type": "application/json" }) },
      ...(args.body !== undefined && { body: JSON.stringify(args.body) }),
    };
    const safe = op.method !== "POST" || IDEMPOTENT.has(id);
    for (let attempt = 1; ; attempt++) {
      let error: TrailmarkError;
      try {
        const res = await this.#attempt(url, init);
        if (res.ok) return { status: res.status, data: read(res, label, attempt) as Operations[K]["response"] };
        error = failure(res, label, attempt);
        if (!(RETRYABLE.has(res.status) && (safe || res.status === 429 || res.status === 503))) throw error;
      } catch (err) {
        if (err instanceof TrailmarkError && err.status) throw err;
        error = err instanceof TrailmarkError ? err : networkError(err, label, attempt, this.#timeout);
        // No answer: a POST that is not idempotent may have been done already.
        if (!safe) throw error;
      }
      const wait = error.retryAfter !== undefined ? error.retryAfter * 1000 : backoff(attempt);
      if (attempt > this.#retries || wait > this.#maxDelay) throw error;
      await sleep(wait);
    }
  }

  async #attempt(url: string, init: RequestInit): Promise<Reply> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeout);
    try {
      const res = await this.#fetch(url, { ...init, signal: controller.signal });
      // The body is read under the same deadline.
      return { status: res.status, ok: res.ok, headers: res.headers, text: await res.text() };
    } finally {
      clearTimeout(timer);
    }
  }

  #url<K extends OperationId>(id: K, { params, query }: Args<K>): string {
    const op = OPERATIONS[id];
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = (params as Record<string, unknown> | undefined)?.[name];
      if (v === undefined || v === "") throw new TypeError(`Trailmark: ${op.method} ${op.path} needs ${name}`);
      return encodeURIComponent(String(v));
    });
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
      if (v === undefined || v === null) continue;
      if (!(op.query as readonly string[]).includes(k)) {
        throw new TypeError(`Trailmark: ${op.method} ${op.path} takes no query parameter ${k} (it takes ${op.query.join(", ") || "none"})`);
      }
      for (const one of Array.isArray(v) ? v : [v]) search.append(k, String(one));
    }
    const qs = search.toString();
    return `${this.#base}${path}${qs ? `?${qs}` : ""}`;
  }
}

// 0.5 s, 1 s, 2 s... with jitter, so clients that failed together retry apart.
const backoff = (attempt: number) => Math.round(250 * 2 ** attempt * (0.5 + Math.random() / 2));

function read({ status, headers, text }: Reply, label: string, attempts: number): unknown {
  if (status === 204) return undefined;
  if (!(headers.get("content-type") ?? "").includes("json")) return text;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new TrailmarkError({ status, code: "invalid_response", message: `the answer is not JSON: ${text.slice(0, 120)}`, request: label, attempts, cause });
  }
}

function failure(res: Reply, label: string, attempts: number): TrailmarkError {
  const { text } = res;
  let code = "invalid_response";
  let message = `the answer is not a Trailmark error: ${text.slice(0, 120) || "(empty)"}`;
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === "string") {
      code = body.error.code;
      message = String(body.error.message ?? "");
    }
  } catch {
    // Not JSON: a proxy's or another server's page; the text says which.
  }
  return new TrailmarkError({ status: res.status, code, message, request: label, attempts, retryAfter: retryAfterSeconds(res.headers.get("retry-after")) });
}

function networkError(err: unknown, label: string, attempts: number, timeoutMs: number): TrailmarkError {
  const aborted = (err as { name?: string })?.name === "AbortError";
  const message = aborted ? `no answer within ${timeoutMs} ms` : String((err as Error)?.message ?? err);
  return new TrailmarkError({ status: 0, code: aborted ? "timeout" : "network_error", message, request: label, attempts, cause: err });
}
