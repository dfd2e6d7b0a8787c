// What the query and page benchmarks do over HTTP, as a browser would.
export const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
export const ms = (x: number) => `${Math.round(x)} ms`;

/** Signs in through next-auth's credentials flow; the session cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => res.headers.getSetCookie().forEach((c) => { const [p] = c.split(";"); const i = p.indexOf("="); jar.set(p.slice(0, i), p.slice(i + 1)); });
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() }, body: new URLSearchParams({ csrfToken, email, password }).toString() });
  keep(res);
  return cookie();
}

// The breakdowns the dashboard's panels open on (components/site/dashboard/panels.ts: first tab of each),
// asked as the panels ask them (breakdown-panel.tsx): 100 rows, 250 for the map, no previous period per row.
export const BREAKDOWNS = ["channel", "page", "country", "browser", "goal"];
const LIMIT: Record<string, number> = { country: 250 };

/**
 * One dashboard load: every call the dashboard makes when it opens, at once; the time until the last answer.
 * As the dashboard sends them, one /stats/dashboard request (components/site/dashboard/stats-batch.ts);
 * `separately`: as seven requests, the way it asked before.
 */
export async function load(base: string, cookie: string, id: string, filter = "", separately = false): Promise<number> {
  const q = `period=30d${filter ? `&filter=${encodeURIComponent(filter)}` : ""}`;
  const parts = [`overview?${q}`, `timeseries?${q}`, ...BREAKDOWNS.map((d) => `breakdown?${q}&dimension=${d}&limit=${LIMIT[d] ?? 100}&compare=none`)];
  const get = async (u: string) => {
    const res = await fetch(`${base}/api/websites/${id}/stats/${u}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${u}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const t = performance.now();
  if (separately) await Promise.all(parts.map(get));
  else {
    const { parts: answers } = (await get(`dashboard?${parts.map((p) => `part=${encodeURIComponent(p)}`).join("&")}`)) as { parts: { ok: boolean; message?: string }[] };
    const failed = answers.findIndex((a) => !a.ok);
    if (answers.length !== parts.length || failed >= 0) throw new Error(`dashboard load: ${parts[failed]}: ${answers[failed]?.message ?? "missing parts"}`);
  }
  return performance.now() - t;
}

/** A pageview through /api/track, as the tracker sends it; its latency in ms. */
export async function track(base: string, websiteId: string, visitorId: string, path = "/live"): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${base}/api/track`, {
    method: "POST",
    headers: { "content-type": "text/plain", "user-agent": UA },
    body: JSON.stringify({ type: "pageview", websiteId, url: `https://bench.example${path}`, visitorId, sessionId: visitorId }),
  });
  await res.arrayBuffer();
  if (res.status !== 202 || res.headers.get("x-trailmark-dropped")) throw new Error(`track not accepted: ${res.status} ${res.headers.get("x-trailmark-dropped")}`);
  return performance.now() - t;
}

/** Sends pageviews at a steady rate until stopped; their latencies. */
export function steadyTrack(base: string, websiteId: string, perSecond: number): { stop: () => Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  let n = 0;
  const sending: Promise<void>[] = [];
  const timer = setInterval(() => {
    for (let i = 0; i < perSecond / 20; i++) sending.push(track(base, websiteId, `steady-${process.pid}-${n++ % 500}`).then((l) => void latencies.push(l)));
  }, 50);
  return {
    async stop() {
      if (running) clearInterval(timer);
      running = false;
      await Promise.all(sending);
      return latencies;
    },
  };
}
