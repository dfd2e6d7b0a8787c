import { api, cfg, d, href, n, off } from "./config";
import { ids } from "./ids";

/** The event's own fields go first, so they can never override the ones the tracker sets. */
export const send = (type: string, extra?: object, url = href()) => {
  if (off()) return;
  const body = JSON.stringify(
    Object.assign(
      {},
      extra,
      {
        type,
        websiteId: cfg.websiteId,
        url,
        referrer: d.referrer,
        title: d.title,
        screen: screen.width + "x" + screen.height,
        language: n.language,
      },
      ids(),
    ),
  );
  // A string body goes out as text/plain: a "simple" request, so no CORS preflight.
  // sendBeacon returns false when the browser won't queue it (size, quota).
  (n.sendBeacon && n.sendBeacon(api, body)) || fetch(api, { method: "POST", body, keepalive: true }).catch(() => {});
};
