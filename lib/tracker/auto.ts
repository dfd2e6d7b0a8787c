import { cfg, d, hashMode, href, l } from "./config";
import { ids } from "./ids";
import { send } from "./send";

const on = addEventListener;
const trackScroll = "trackScroll" in cfg;
const key = () => l.pathname + (hashMode ? l.hash : "");
let last: string;
let page: string;
let depth = 0;
let owed: unknown; // a scroll event is due for the current page

const measure = () => {
  depth = Math.max(depth, Math.min(100, Math.round(((scrollY + innerHeight) / d.documentElement.scrollHeight) * 100)));
};

// Scroll events carry the url of the page they describe: by the time an SPA
// navigation is seen, location already shows the next page.
const flush = () => {
  if (owed) send("scroll", { scrollDepth: depth }, page);
  owed = 0;
};

export const pageview = () => {
  flush();
  last = key();
  page = href();
  depth = 0;
  owed = trackScroll;
  // Next frame, so a page short enough to need no scrolling reads as fully seen.
  requestAnimationFrame(measure);
  send("pageview");
};

const click = (e: MouseEvent) => {
  const t = e.target as Element;
  if (e.button > 1) return;
  const g = t.closest("[data-goal]");
  // An <a> without href has protocol ":", so the http test skips it.
  const a = t.closest("a");
  const props: Record<string, string> = {};
  if (g) {
    for (const x of g.attributes) if (!x.name.indexOf("data-goal-")) props[x.name.slice(10)] = x.value;
    send("goal", { name: (g as HTMLElement).dataset.goal, props });
  }
  if (a && a.host != l.host && /^http/.test(a.protocol)) {
    send("goal", { name: "outbound_click", props: { url: a.href } });
    const i = ids();
    // A link clicked twice keeps its first _tm.
    if (i && (cfg.allowedHostnames || "").split(/[\s,]+/).includes(a.hostname) && !/_tm=/.test(a.search))
      a.search += "&_tm=" + i.visitorId + "." + i.sessionId;
  }
};

export const listen = () => {
  const nav = () => key() != last && pageview();
  // SPA routers change the url through history; comparing paths afterwards
  // filters out their frequent same-path replaceState calls.
  for (const m of ["pushState", "replaceState"] as const) {
    const o = history[m];
    history[m] = function (this: History) {
      o.apply(this, arguments as unknown as Parameters<History["pushState"]>);
      nav();
    };
  }
  // Fragment navigations fire popstate too, which covers hash routers.
  on("popstate", nav);
  on("click", click, true);
  on("auxclick", click, true);
  if (trackScroll) {
    const leave = () => (measure(), flush());
    on("scroll", measure);
    // pagehide comes before the document turns hidden, so each one flushes.
    on("pagehide", leave);
    on("visibilitychange", () => d.hidden && leave());
  }
};
