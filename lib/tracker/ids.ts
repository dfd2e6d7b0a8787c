import { cookieless, d, l, off } from "./config";

const get = (k: string): string | undefined => (d.cookie.match("(^|; )" + k + "=([^;]*)") || [])[2];

/**
 * Sets a first-party cookie on the shortest parent domain the browser accepts:
 * the site's registrable domain (browsers refuse public suffixes such as
 * .co.uk), so shop. and www. share one visitor. The probe cookie holds the
 * domain it was written for, so one left from another try can't pass for a
 * write that was refused; it expires by itself a second later. A single-label
 * host (intranet, localhost) tries nothing: an empty domain makes a host-only
 * cookie. Not cached: a probe or two per event costs less than the bytes to
 * remember the answer.
 */
export const put = (k: string, v: string, age: number) => {
  const p = l.hostname.split(".");
  let root = "";
  for (let i = p.length - 1; i--; root = "") {
    d.cookie = "tm_t=" + (root = "." + p.slice(i).join(".")) + ";max-age=1;domain=" + root;
    if (get("tm_t") == root) break;
  }
  d.cookie = k + "=" + v + ";path=/;samesite=lax;max-age=" + age + ";domain=" + root + (l.protocol == "https:" ? ";secure" : "");
};

// 128 random bits as ~38 decimal digits: fits cookies, URLs and the "." separator
// of _tm, and costs fewer bytes than a base36 conversion.
const keep = (k: string, age: number, v = get(k) || crypto.getRandomValues(new Uint32Array(4)).join("")) => (put(k, v, age), v);

export const may = () => !cookieless && !off();

/** Creates or refreshes (sliding 30-minute session) the ids; false when nothing may be stored. */
export const ids = () => may() && { visitorId: keep("tm_vid", 31536e3), sessionId: keep("tm_sid", 1800) };
