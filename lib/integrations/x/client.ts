import http from "node:http";
import { ApiResponseError, TwitterApi, type ITwitterApiClientPlugin } from "twitter-api-v2";

// The SDK's own v2 prefix (its globals are not exported from the package root).
const API_V2_PREFIX = "https://api.x.com/2/";
import type { Failure } from "../backoff";

/**
 * The X API v2 base, overridable (TRAILMARK_X_API_URL) for a proxy or a test
 * server. twitter-api-v2 has no base-URL option, so a plugin rewrites each
 * request's prefix before it is built; it always uses https.request, which
 * takes a plain-HTTP base only with an http.Agent.
 */
export function xClient(bearerToken: string, baseUrl = process.env.TRAILMARK_X_API_URL || API_V2_PREFIX): TwitterApi {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  const plugins: ITwitterApiClientPlugin[] = [];
  if (base !== API_V2_PREFIX) {
    plugins.push({
      onBeforeRequestConfig({ params }) {
        if (params.url.startsWith(API_V2_PREFIX)) params.url = base + params.url.slice(API_V2_PREFIX.length);
      },
    });
  }
  return new TwitterApi(bearerToken, { plugins, ...(base.startsWith("http:") ? { httpAgent: new http.Agent() } : {}) });
}

export function classifyXError(err: unknown): Failure {
  if (err instanceof ApiResponseError) {
    if (err.code === 429) return { kind: "rate_limited", resetAt: err.rateLimit?.reset ? new Date(err.rateLimit.reset * 1000) : new Date(Date.now() + 60_000) };
    if (err.code === 401) return { kind: "fatal", code: "unauthorized", message: "X rejected the bearer token (401). It was revoked or mistyped: paste a new one in settings." };
    if (err.code === 403) return { kind: "fatal", code: "forbidden", message: "X refused the search (403): the app's access level may not include recent search." };
    if (err.code >= 500) return { kind: "server", message: `X answered ${err.code}; will retry on the next run.` };
    return { kind: "fatal", message: `X answered ${err.code}: ${err.message}` };
  }
  return { kind: "server", message: `Could not reach X: ${(err as Error)?.message ?? String(err)}` };
}
