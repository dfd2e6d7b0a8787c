import { cookieless, d, l, off } from "./config";

const get = (k: string): string | undefined => (d.cookie.match("(^|; )" + k + "=([^;]*)") || [])[2];

// The shortest parent domain the browser accepts is the site's registrable
// domain (browsers refuse public suffixes such as .co.uk), so shop. and www.
// share one visitor. The probe cookie holds the domain it was written for, so
// one left from another try can't pass for a write that was refused; it
// expires by itself a second later. A single-label host (intranet, localhost)
// tries nothing: an empty domain makes host-only cookies. Not cached: a probe
// or two per event costs less than the bytes to remember the answer.
const rootDomain = () => {
  const p = l.hostname.split(".");
  let root = "";
  for (let i = p.length - 1; i--; root = "") {
    put("tm_t", (root = "." + p.slice(i).join(".")), 1, root);
    if (get("tm_t") == root) break;
  }
  return root;
};

const put = (k: string, v: string, age: number, dom = rootDomain()) => {
  d.cookie = k + "=" + v + ";path=/;samesite=lax;max-age=" + age + ";domain=" + dom + (l.protocol == "https:" ? ";secure" : "");
};

// 128 random bits as ~38 decimal digits: fits cookies, URLs and the "." separator
// of _tm, and costs fewer bytes than a base36 conversion.
const rid = () => crypto.getRandomValues(new Uint32Array(4)).join("");

const save = (visitorId: string, sessionId: string) => (
  put("tm_vid", visitorId, 31536e3), put("tm_sid", sessionId, 1800), { visitorId, sessionId }
);

const may = () => !cookieless && !off();

/** Creates or refreshes (sliding 30-minute session) the ids; none when nothing may be stored. */
export const ids = () => may() && save(get("tm_vid") || rid(), get("tm_sid") || rid());

/** Takes over the ids another of the site's domains passed in _tm, and cleans the address bar. */
export const adopt = () => {
  const m = /([?&])_tm=(\w+)\.(\w+)&?/.exec(l.search);
  if (m) {
    if (may()) save(m[2], m[3]);
    // A link decorated on a page without a query arrives as "?&_tm=...": drop the "?&" too.
    history.replaceState(history.state, "", l.href.replace(m[0], m[1]).replace(/[?&]+(#|$)/, "$1"));
  }
};
