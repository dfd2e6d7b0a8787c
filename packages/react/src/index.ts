"use client";
// @trailmark/react: the Trailmark tag as a component, and the browser API as a hook.
import { useEffect } from "react";

/** The tracker's optional parts; each is loaded as part of one script file. */
export type Extension = "cross-domain" | "file-downloads" | "outbound-links" | "scroll-depth" | "web-vitals";

export type AnalyticsProps = {
  /** The website's id, from its settings in Trailmark. */
  websiteId: string;
  /**
   * Your Trailmark's address, e.g. "https://trailmark.example.com". Leave it
   * out when your site proxies /js/script.js and /api/track to Trailmark
   * (withTrailmark from @trailmark/next does that for Next.js).
   */
  host?: string;
  /** Where events are sent; by default /api/track next to the script. */
  api?: string;
  /** The site's domain as set up in Trailmark. */
  domain?: string;
  extensions?: Extension[];
  /** Store nothing in the browser: the server counts visitors by a daily hash. */
  cookieless?: boolean;
  /** Count the path in the URL fragment (hash routers). */
  hash?: boolean;
  /** Send nothing when the browser asks for Do Not Track / Global Privacy Control. */
  respectDnt?: boolean;
  /** Also track on localhost (off by default so development stays out of your stats). */
  includeLocalhost?: boolean;
  /** The site's other domains, which share the visitor (the cross-domain extension). */
  allowedHostnames?: string[];
  /** File extensions counted as downloads, replacing the default list (the file-downloads extension). */
  fileTypes?: string[];
};

type Tm = ((cmd: string, ...args: unknown[]) => void) & { q?: unknown[]; visitorId?: () => string | undefined; sessionId?: () => string | undefined };
type Win = Window & { trailmark?: Tm };

/** The tracker's file for a set of extensions, as Trailmark serves it. */
export const scriptFile = (extensions: Extension[] = []) => ["script", ...[...new Set(extensions)].sort(), "js"].join(".");

// Calls made before the script has loaded wait in a queue the script replays.
function tm(): Tm {
  const w = window as Win;
  return (w.trailmark ??= Object.assign((...args: unknown[]) => void (w.trailmark!.q ??= []).push(args), {}));
}

function attributes(p: AnalyticsProps): Record<string, string | undefined> {
  const flag = (on?: boolean) => (on ? "" : undefined);
  return {
    "website-id": p.websiteId,
    domain: p.domain,
    api: p.api,
    cookieless: flag(p.cookieless),
    hash: flag(p.hash),
    "respect-dnt": flag(p.respectDnt),
    "include-localhost": flag(p.includeLocalhost),
    "allowed-hostnames": p.allowedHostnames?.join(","),
    "file-types": p.fileTypes?.join(","),
  };
}

/**
 * Adds the tracker to the page once. Renders nothing, so server and client
 * render the same (no hydration mismatch); the script is added after
 * hydration and counts the page and every client-side navigation after it.
 * A second mount (React's strict mode, or the component placed twice) finds
 * the script already there and adds nothing.
 */
export function Analytics(props: AnalyticsProps): null {
  const src = `${(props.host ?? "").replace(/\/+$/, "")}/js/${scriptFile(props.extensions)}`;
  useEffect(() => {
    if (document.querySelector("script[data-trailmark]")) return;
    tm();
    const s = document.createElement("script");
    s.defer = true;
    s.src = src;
    s.setAttribute("data-trailmark", "");
    for (const [k, v] of Object.entries(attributes(props))) if (v !== undefined) s.setAttribute(`data-${k}`, v);
    document.head.appendChild(s);
    // Deliberately once per page load: the tracker cannot be taken out again.
  }, []);
  return null;
}

export type Trailmark = {
  /** A custom event (signup, trial_started...) with optional properties. */
  goal: (name: string, props?: Record<string, string | number | boolean | null>) => void;
  /** Ties this visitor to your user, so later payments find the visit that brought them. */
  identify: (who: { userId?: string; email?: string; name?: string }) => void;
  /** Hands over the buyer's email before a checkout that carries no visitor id. */
  payment: (who: { email: string }) => void;
  /** This visitor's id, to pass into a checkout as `trailmark_visitor_id`; undefined in cookieless mode or before the first visit is counted. */
  visitorId: () => string | undefined;
  sessionId: () => string | undefined;
};

const cookie = (name: string) => document.cookie.match(`(?:^|; )${name}=([^;]*)`)?.[1];
const inBrowser = () => typeof window !== "undefined";
const send = (...args: unknown[]) => void (inBrowser() && tm()(...(args as [string])));

const api: Trailmark = {
  goal: (name, props) => send("goal", name, props),
  identify: (who) => send("identify", who),
  payment: (who) => send("payment", who),
  // Before the script has loaded, the cookie it keeps says the same.
  visitorId: () => (inBrowser() ? ((window as Win).trailmark?.visitorId?.() ?? cookie("tm_vid")) : undefined),
  sessionId: () => (inBrowser() ? ((window as Win).trailmark?.sessionId?.() ?? cookie("tm_sid")) : undefined),
};

/** Goals, identify and the visitor id, from any client component. The same object every render. */
export function useTrailmark(): Trailmark {
  return api;
}
