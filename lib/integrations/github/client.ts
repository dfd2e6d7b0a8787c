import { Octokit } from "@octokit/rest";
import { resetFromHeader, type Failure } from "../backoff";

/** GITHUB_API_URL points at GitHub Enterprise (https://host/api/v3), a proxy, or a test server. */
export function githubClient(token: string, baseUrl = process.env.TRAILMARK_GITHUB_API_URL || "https://api.github.com"): Octokit {
  return new Octokit({ auth: token, baseUrl, userAgent: "trailmark", log: { debug() {}, info() {}, warn() {}, error() {} } });
}

/** Octokit's RequestError, recognised by shape (its class lives in a transitive package). */
type RequestError = Error & { status: number; response?: { headers: Record<string, string | undefined> } };
const isRequestError = (err: unknown): err is RequestError => err instanceof Error && err.name === "HttpError" && typeof (err as RequestError).status === "number";

export const isNotModified = (err: unknown) => isRequestError(err) && err.status === 304;

export function classifyGithubError(err: unknown, repo?: string): Failure {
  if (isRequestError(err)) {
    const h = err.response?.headers ?? {};
    // GitHub signals its primary limit with 403 + remaining 0, secondary limits with 403/429 + retry-after.
    if (err.status === 429 || (err.status === 403 && (h["x-ratelimit-remaining"] === "0" || h["retry-after"]))) {
      const retryAfter = Number(h["retry-after"]);
      return { kind: "rate_limited", resetAt: retryAfter > 0 ? new Date(Date.now() + retryAfter * 1000) : resetFromHeader(h["x-ratelimit-reset"]) };
    }
    if (err.status === 401) return { kind: "fatal", code: "unauthorized", message: "GitHub rejected the token (401 Bad credentials). It was revoked or expired: paste a new one in settings." };
    if (err.status === 404) return { kind: "fatal", code: "not_found", message: `GitHub: ${repo ?? "repository"} not found, or the token cannot read it.` };
    if (err.status >= 500) return { kind: "server", message: `GitHub answered ${err.status}; will retry on the next run.` };
    return { kind: "fatal", message: `GitHub answered ${err.status}: ${err.message}` };
  }
  return { kind: "server", message: `Could not reach GitHub: ${(err as Error)?.message ?? String(err)}` };
}
