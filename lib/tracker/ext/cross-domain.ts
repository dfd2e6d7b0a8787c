// Extension "cross-domain": one visitor across the site's own domains. Links
// to `data-allowed-hostnames` carry the ids in `_tm`, which the page they open
// takes over. The core loads it by itself when either side needs it.
import { cfg, l } from "../config";
import { ids, may, put } from "../ids";

/** Takes over the ids another of the site's domains passed in _tm, and cleans the address bar. */
export const adopt = () => {
  const m = /([?&])_tm=(\w+)\.(\w+)&?/.exec(l.search);
  if (m) {
    if (may()) put("tm_vid", m[2], 31536e3), put("tm_sid", m[3], 1800);
    // A link decorated on a page without a query arrives as "?&_tm=...": drop the "?&" too.
    history.replaceState(history.state, "", l.href.replace(m[0], m[1]).replace(/[?&]+(#|$)/, "$1"));
  }
};

/** A link clicked twice keeps its first _tm. */
export const decorate = (a: HTMLAnchorElement) => {
  const i = ids();
  if (i && a.host != l.host && (cfg.allowedHostnames || "").split(/[\s,]+/).includes(a.hostname) && !/_tm=/.test(a.search))
    a.search += "&_tm=" + i.visitorId + "." + i.sessionId;
};
