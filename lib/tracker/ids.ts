import { cookieless, d, l, off } from "./config";

let root: string | undefined;

// Cookie names are given without their "tm_" prefix.
const get = (k: string): string | undefined => (d.cookie.match("(^|; )tm_" + k + "=([^;]*)") || [])[2];

// The shortest parent domain the browser accepts is the site's registrable
// domain (browsers refuse public suffixes such as .co.uk), so shop. and www.
// share one visitor. The probe cookie holds the domain it was written for, so
// one left from another try can't pass for a write that was refused; it
// expires by itself a second later. A single-label host (intranet, localhost)
// tries nothing: an empty domain makes host-only cookies.
const rootDomain = () => {
  if (root == null) {
    const p = l.hostname.split(".");
    for (let i = p.length - 1; i--; root = "") {
      put("t", (root = "." + p.slice(i).join(".")), 1, root);
      if (get("t") == root) break;
    }
  }
  return root || "";
};

const put = (k: string, v: string, age: number, dom = rootDomain()) => {
  d.cookie = "tm_" + k + "=" + v + ";path=/;samesite=lax;max-age=" + age + ";domain=" + dom + (l.protocol == "https:" ? ";secure" : "");
};

// ~96 random bits as base36: fits cookies, URLs and the "." separator of _tm.
const rid = () => crypto.getRandomValues(new Uint32Array(3)).reduce((s, x) => s + x.toString(36), "");

const save = (visitorId: string, sessionId: string) => (
  put("vid", visitorId, 31536e3), put("sid", sessionId, 1800), { visitorId, sessionId }
);

const may = () => !cookieless && !off();

/** Creates or refreshes (sliding 30-minute session) the ids; none when nothing may be stored. */
export const ids = () => may() && save(get("vid") || rid(), get("sid") || rid());

/** Takes over the ids another of the site's domains passed in _tm, and cleans the address bar. */
export const adopt = () => {
  const m = /([?&])_tm=(\w+)\.(\w+)&?/.exec(l.search);
  if (m) {
    if (may()) save(m[2], m[3]);
    // A link decorated on a page without a query arrives as "?&_tm=...": drop the "?&" too.
    history.replaceState(history.state, "", l.href.replace(m[0], m[1]).replace(/[?&]+(#|$)/, "$1"));
  }
};
