/** What went wrong, in a form to branch on (`code`) and to read (`message`). */
export class TrailmarkError extends Error {
  /** HTTP status; 0 when no answer came (network error, timeout). */
  readonly status: number;
  /** The API's snake_case code (`invalid_input`, `rate_limited`, ...), or `network_error` / `timeout` / `invalid_response`. */
  readonly code: string;
  /** "POST /api/v1/payments" */
  readonly request: string;
  /** Seconds the server asked to wait (429), when it said. */
  readonly retryAfter?: number;
  /** Attempts made, retries included. */
  readonly attempts: number;

  constructor(o: { status: number; code: string; message: string; request: string; attempts: number; retryAfter?: number; cause?: unknown }) {
    super(`${o.request} ${o.status ? `answered ${o.status} ` : ""}${o.code}: ${o.message}${hint(o.status, o.code)}`, o.cause ? { cause: o.cause } : undefined);
    this.name = "TrailmarkError";
    this.status = o.status;
    this.code = o.code;
    this.request = o.request;
    this.attempts = o.attempts;
    if (o.retryAfter !== undefined) this.retryAfter = o.retryAfter;
  }
}

function hint(status: number, code: string): string {
  if (status === 401) return " (check the API key: create one in the website's Settings → API keys and pass it as apiKey)";
  if (code === "invalid_response") return " (is host the address of your Trailmark deployment?)";
  if (code === "network_error") return " (is host reachable from here?)";
  return "";
}
