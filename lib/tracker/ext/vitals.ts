// Extension "web-vitals": LCP, INP, CLS and TTFB of the page as loaded,
// measured with the browser's PerformanceObserver and sent once per page
// view, when the page is first hidden or left for another route. Soft (SPA)
// navigations get none: browsers measure paints and shifts per document.
import { d, href, on } from "../config";
import { send } from "../send";

type Entry = PerformanceEntry & { value: number; hadRecentInput: boolean; interactionId: number };

const v: { lcp?: number; inp?: number; cls?: number; ttfb?: number } = {};
const latency: Record<number, number> = {};
let url: string | 0;
let first = 0;
let prev = 0;
let win = 0;

const watch = (type: string, fn: (e: Entry) => void) => {
  try {
    // durationThreshold only applies to "event"; 40 ms is the lowest the browser allows.
    new PerformanceObserver((list) => list.getEntries().forEach(fn as (e: PerformanceEntry) => void)).observe({ type, buffered: true, durationThreshold: 40 } as PerformanceObserverInit);
  } catch (e) {
    // An old browser without the observer (or the entry type) just measures less.
  }
};

// INP: each interaction's slowest event; of those, the worst but one per 50
// interactions, so a single outlier on a busy page does not stand for it.
const interaction = (e: Entry) => {
  if (e.interactionId) {
    latency[e.interactionId] = Math.max(latency[e.interactionId] || 0, e.duration);
    const all = Object.values(latency).sort((a, b) => b - a);
    v.inp = all[Math.min(all.length - 1, (all.length / 50) | 0)];
  }
};

export const startVitals = () => {
  url = href();
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (nav) v.ttfb = nav.responseStart;
  watch("largest-contentful-paint", (e) => (v.lcp = e.startTime));
  // CLS: the largest burst of unexpected shifts (a session window: gaps under
  // 1 s, at most 5 s long); shifts right after input are the user's doing.
  watch("layout-shift", (e) => {
    if (!e.hadRecentInput) {
      if (e.startTime - prev > 1e3 || e.startTime - first > 5e3) (first = e.startTime), (win = 0);
      prev = e.startTime;
      v.cls = Math.max(v.cls || 0, (win += e.value));
    }
  });
  watch("event", interaction);
  watch("first-input", interaction);
  on("visibilitychange", () => d.hidden && leaveVitals());
};

/** Sends what was measured, the first time only. */
export const leaveVitals = () => {
  if (url) send("vitals", { url, vitals: v });
  url = 0;
};
