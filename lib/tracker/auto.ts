import { cfg, d, hashMode, href, l } from "./config";
import { ids } from "./ids";
import { send } from "./send";

const on = addEventListener;
const trackScroll = "trackScroll" in cfg;
const key = () => l.pathname + (hashMode ? l.hash : "");
let last: string;
let page: string | 0 | false; // set while a scroll event is due for the current page
let depth = 0;

// Overscroll (iOS bounce) can read past 100: the server caps it.
const measure = () => (depth = Math.max(depth, (((scrollY + innerHeight) * 100) / d.documentElement.scrollHeight) | 0));

// Scroll events carry the url of the page they describe: by the time an SPA
// navigation is seen, location already shows the next page. A page never
// scrolled is measured as it is left, so a short page reads as fully seen.
const flush = () => {
  if (page) send("scroll", { scrollDepth: depth || measure(), url: page });
  page = 0;
};

export const pageview = () => {
  flush();
  last = key();
  page = trackScroll && href();
  depth = 0;
  send("pageview");
};

const click = (e: MouseEvent) => {
  // auxclick covers the middle button (a link opened in a new tab), not the right one's menu.
  if (e.button > 1) return;
  const t = e.target as Element;
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
    on("scroll", measure);
    // Leaving the page (closing, navigating away) also turns it hidden.
    on("visibilitychange", () => d.hidden && flush());
  }
};
