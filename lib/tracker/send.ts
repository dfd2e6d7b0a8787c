import { api, cfg, d, href, off } from "./config";
import { ids } from "./ids";

/** `extra` may override url (a scroll event describes the page being left). */
export const send = (type: string, extra?: object) => {
  // A string body goes out as text/plain: a "simple" request, so no CORS
  // preflight; a beacon also survives the page being closed.
  off() || navigator.sendBeacon(api, JSON.stringify({ type, websiteId: cfg.websiteId, url: href(), referrer: d.referrer, ...extra, ...ids() }));
};
