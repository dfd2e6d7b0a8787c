// Everything the tag configures, read once: document.currentScript is only set
// while this script is executing (classic scripts, defer included).
export const d = document;
export const l = location;
export const n = navigator as Navigator & { globalPrivacyControl?: boolean };
export const el = d.currentScript as HTMLScriptElement;
export const cfg = el.dataset;
export const on = addEventListener;

export const api = cfg.api || new URL("/api/track", el.src);
export const hashMode = "hash" in cfg;
export const cookieless = "cookieless" in cfg;

// Hash routers put the page in the fragment; everyone else's fragment is noise.
export const href = () => (hashMode ? l.href : l.href.split("#")[0]);

// A visitor can exclude themselves with localStorage.trailmark_ignore = "true".
// Storage can be blocked (sandboxed iframes, strict settings): not a reason to stop.
const ignored = () => {
  try {
    return localStorage.trailmark_ignore == "true";
  } catch (e) {}
};

// Why this page sends nothing, said once in the console so a site owner
// testing locally is not left guessing. The "$" alternative is file: pages,
// which have no hostname.
const skip =
  /^(localhost|127\.|$)/.test(l.hostname) && !("includeLocalhost" in cfg)
    ? "on localhost (add data-include-localhost to the tag)"
    : "respectDnt" in cfg && ((n.doNotTrack as unknown) == 1 || n.globalPrivacyControl)
      ? "(Do Not Track)"
      : ignored() && "(trailmark_ignore in localStorage)";
if (skip) console.info("Trailmark: not tracking " + skip);

/** The self-exclusion flag is re-read per event, so it applies without a reload. */
export const off = () => skip || ignored();
