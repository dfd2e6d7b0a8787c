import { hashMode, href, l, on } from "./config";
import { decorate } from "./ext/cross-domain";
import { clickDownload } from "./ext/downloads";
import { clickOutbound } from "./ext/outbound";
import { leaveScroll, listenScroll } from "./ext/scroll";
import { leaveVitals } from "./ext/vitals";
import { send } from "./send";

const key = () => l.pathname + (hashMode ? l.hash : "");
let last: string;

/** Before each page view the extensions report on the page being left. */
export const pageview = () => {
  if (TM_SCROLL) leaveScroll();
  if (TM_VITALS && last) leaveVitals();
  last = key();
  send("pageview");
  if (TM_SCROLL) listenScroll(href());
};

const click = (e: MouseEvent) => {
  // auxclick covers the middle button (a link opened in a new tab), not the right one's menu.
  if (e.button > 1) return;
  const t = e.target as Element;
  const g = t.closest("[data-goal]");
  const props: Record<string, string> = {};
  if (g) {
    for (const x of g.attributes) if (!x.name.indexOf("data-goal-")) props[x.name.slice(10)] = x.value;
    send("goal", { name: (g as HTMLElement).dataset.goal, props });
  }
  if (TM_CROSS || TM_DOWNLOADS || TM_OUTBOUND) {
    const a = t.closest("a");
    // An <a> without href has protocol ":", so the http test skips it.
    if (a && /^http/.test(a.protocol)) {
      // A download counts as that, not also as an outbound click.
      if (!(TM_DOWNLOADS && clickDownload(a)) && TM_OUTBOUND && a.host != l.host) clickOutbound(a);
      if (TM_CROSS) decorate(a);
    }
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
};
