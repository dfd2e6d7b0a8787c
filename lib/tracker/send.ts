import { api, cfg, d, href, n, off } from "./config";
import { ids } from "./ids";

/** `extra` may override url (a scroll event describes the page being left). */
export const send = (type: string, extra?: object) => {
  if (off()) return;
  const body = JSON.stringify(
    Object.assign(
      {
        type,
        websiteId: cfg.websiteId,
        url: href(),
        referrer: d.referrer,
        screen: screen.width + "x" + screen.height,
        language: n.language,
      },
      extra,
      ids(),
    ),
  );
  // A string body goes out as text/plain: a "simple" request, so no CORS preflight.
  // sendBeacon returns false when the browser won't queue it (size, quota).
  // Any function swallows a failed fetch's rejection; reusing one saves bytes on every page.
  n.sendBeacon?.(api, body) || fetch(api, { method: "POST", body, keepalive: true }).catch(off);
};
