import { google, type searchconsole_v1 } from "googleapis";
import { resetFromHeader, type Failure } from "../backoff";

export const SEARCH_CONSOLE_SCOPE = "https://www.googleapis.com/auth/webmasters.readonly";
/** Read access to Google Analytics 4, asked for with Search Console so one connection also imports GA4 history. */
export const ANALYTICS_SCOPE = "https://www.googleapis.com/auth/analytics.readonly";

/** The Search Console integration reuses the Google sign-in OAuth client (one Google Cloud app). */
export const googleConfigured = () => !!(process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET);

/**
 * An OAuth2 client for Search Console. The token and consent endpoints and the
 * API root are overridable (TRAILMARK_GOOGLE_*) for a proxy or a test server.
 */
export function googleOAuth(redirectUri?: string) {
  return new google.auth.OAuth2({
    clientId: process.env.GOOGLE_CLIENT_ID,
    clientSecret: process.env.GOOGLE_CLIENT_SECRET,
    redirectUri,
    endpoints: {
      ...(process.env.TRAILMARK_GOOGLE_TOKEN_URL ? { oauth2TokenUrl: process.env.TRAILMARK_GOOGLE_TOKEN_URL } : {}),
      ...(process.env.TRAILMARK_GOOGLE_AUTH_URL ? { oauth2AuthBaseUrl: process.env.TRAILMARK_GOOGLE_AUTH_URL } : {}),
    },
  });
}

export function searchConsoleApi(refreshToken: string): searchconsole_v1.Searchconsole {
  const auth = googleOAuth();
  auth.setCredentials({ refresh_token: refreshToken });
  // retry off: gaxios would retry 429s on its own schedule; callWithBackoff decides instead.
  return google.searchconsole({ version: "v1", auth, retry: false, ...(process.env.TRAILMARK_GOOGLE_API_ROOT ? { rootUrl: process.env.TRAILMARK_GOOGLE_API_ROOT } : {}) });
}

type GaxiosLike = Error & { status?: number; response?: { status?: number; headers?: Headers | Record<string, string>; data?: unknown } };

// gaxios hands over a fetch Headers (possibly another realm's class) or a plain object.
const header = (headers: Headers | Record<string, string> | undefined, name: string) =>
  typeof (headers as Headers | undefined)?.get === "function" ? (headers as Headers).get(name) : (headers as Record<string, string> | undefined)?.[name];

export function classifyGoogleError(err: unknown): Failure {
  const e = err as GaxiosLike;
  const status = e?.response?.status ?? e?.status;
  const body = JSON.stringify(e?.response?.data ?? "");
  if (status === 401 || /invalid_grant/.test(body) || /invalid_grant/.test(e?.message ?? "")) {
    return { kind: "fatal", code: "unauthorized", message: "Google rejected the Search Console connection (access revoked or expired): connect it again in settings." };
  }
  if (status === 429) {
    const retryAfter = Number(header(e.response?.headers, "retry-after"));
    return { kind: "rate_limited", resetAt: retryAfter > 0 ? new Date(Date.now() + retryAfter * 1000) : resetFromHeader(null) };
  }
  if (status === 403) return { kind: "fatal", code: "forbidden", message: "Search Console refused access to this property (403): check the property URL and that the connected account can see it." };
  if (status && status >= 500) return { kind: "server", message: `Search Console answered ${status}; will retry on the next run.` };
  if (status) return { kind: "fatal", message: `Search Console answered ${status}: ${e.message}` };
  return { kind: "server", message: `Could not reach Google: ${e?.message ?? String(err)}` };
}
