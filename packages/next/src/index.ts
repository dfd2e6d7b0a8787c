// @trailmark/next: serve Trailmark's script and event endpoint from your own
// domain. Ad blockers that block analytics hosts let first-party requests
// through, and the browser talks to no third party.
import type { NextConfig } from "next";

type Rewrite = { source: string; destination: string };
type Rewrites = Awaited<ReturnType<NonNullable<NextConfig["rewrites"]>>>;

export type TrailmarkProxyOptions = {
  /** Your Trailmark's address, e.g. "https://trailmark.example.com". */
  host: string;
};

/** The rewrites withTrailmark adds: the tracker (every variant) and the event endpoint. */
export function trailmarkRewrites({ host }: TrailmarkProxyOptions): Rewrite[] {
  let origin: string;
  try {
    const url = new URL(host);
    if (!/^https?:$/.test(url.protocol)) throw new Error();
    origin = url.origin + url.pathname.replace(/\/+$/, "");
  } catch {
    throw new TypeError(`withTrailmark: host must be the http(s) address of your Trailmark, e.g. https://trailmark.example.com (got ${JSON.stringify(host)})`);
  }
  return [
    { source: "/js/script.js", destination: `${origin}/js/script.js` },
    // script.<extensions>.js, e.g. script.outbound-links.web-vitals.js
    { source: "/js/:file(script\\.[a-z.-]+\\.js)", destination: `${origin}/js/:file` },
    { source: "/api/track", destination: `${origin}/api/track` },
  ];
}

/**
 * Adds the rewrites to a Next.js config, ahead of your own routes and files
 * (rewrites you already have are kept). Next.js passes the request on with
 * its headers, so the X-Forwarded-For your host sets (Vercel, a load balancer,
 * nginx) reaches Trailmark, which takes the visitor's IP from it when it runs
 * with TRUSTED_IP_HEADER=x-forwarded-for.
 */
export function withTrailmark(nextConfig: NextConfig = {}, options: TrailmarkProxyOptions): NextConfig {
  const ours = trailmarkRewrites(options);
  return {
    ...nextConfig,
    async rewrites(): Promise<Rewrites> {
      const theirs = await nextConfig.rewrites?.();
      if (!theirs) return { beforeFiles: ours, afterFiles: [], fallback: [] };
      if (Array.isArray(theirs)) return { beforeFiles: ours, afterFiles: theirs, fallback: [] };
      return { ...theirs, beforeFiles: [...ours, ...(theirs.beforeFiles ?? [])] };
    },
  };
}
