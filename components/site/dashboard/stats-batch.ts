import { apiFetch, type ApiResult } from "@/components/api-client";

// The dashboard's parts each ask for their own stats (overview, chart, one
// call per panel), which keeps them independent. The calls they make in the
// same moment go out as one /stats/dashboard request instead: the server signs
// the request in, checks the membership and reads the site once for all of
// them (lib/stats/dashboard-load.ts). Each call still gets exactly the answer,
// or the error, its own route gives.

const STATS_CALL = /^(.*)\/stats\/(overview|timeseries|breakdown)(\?.*)?$/;
// The most parts the server takes in one request (lib/stats/dashboard-load.ts).
const MAX_PARTS = 16;

type Waiting = { part: string; answer: Promise<ApiResult<unknown>>; settle: (r: ApiResult<unknown>) => void };
const queued = new Map<string, Waiting[]>();

/** GET `url` through apiFetch, batched with the other stats calls of this moment to the same site. */
export function statsFetch<T>(url: string): Promise<ApiResult<T>> {
  const m = STATS_CALL.exec(url);
  if (!m) return apiFetch<T>(url);
  const [, base, call, query = ""] = m;
  const part = `${call}${query}`;
  let queue = queued.get(base);
  if (!queue) {
    queued.set(base, (queue = []));
    // After the effects of this render have all asked (they run in one task).
    setTimeout(() => send(base), 0);
  }
  // Two panels asking the same thing (Sources and Revenue both open on channels) share one part.
  let waiting = queue.find((w) => w.part === part);
  if (!waiting) {
    let settle!: Waiting["settle"];
    const answer = new Promise<ApiResult<unknown>>((resolve) => (settle = resolve));
    queue.push((waiting = { part, answer, settle }));
  }
  return waiting.answer as Promise<ApiResult<T>>;
}

function send(base: string) {
  const queue = queued.get(base) ?? [];
  queued.delete(base);
  for (let i = 0; i < queue.length; i += MAX_PARTS) void sendBatch(base, queue.slice(i, i + MAX_PARTS));
}

async function sendBatch(base: string, batch: Waiting[]) {
  if (batch.length === 1) return batch[0].settle(await apiFetch(`${base}/stats/${batch[0].part}`));
  const r = await apiFetch<{ parts: ApiResult<unknown>[] }>(`${base}/stats/dashboard?${batch.map((w) => `part=${encodeURIComponent(w.part)}`).join("&")}`);
  // A refusal of the whole request (signed out, locked plan, gone site) is every part's answer.
  const parts = r.ok && Array.isArray(r.data?.parts) ? r.data.parts : null;
  const missing: ApiResult<unknown> = { ok: false, status: 0, code: "missing", message: "The server sent no answer for this part; reload the page." };
  batch.forEach((w, i) => w.settle(r.ok ? (parts?.[i] ?? missing) : r));
}
