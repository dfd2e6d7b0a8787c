import { ZodError } from "zod";

// The production server runs two bundles in one process (Next.js and the
// /api/track fast path), each with its own copy of this class, and shares
// objects between them (the write buffer): an ApiError is recognised by this
// brand, not by `instanceof`.
const BRAND = Symbol.for("trailmark.ApiError");

/** An error a route may throw; the wrappers turn it into `{"error": {code, message}}`. */
export class ApiError extends Error {
  readonly [BRAND] = true;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const isApiError = (err: unknown): err is ApiError => typeof err === "object" && err !== null && BRAND in err;

export const notFound = (what = "Not found") => new ApiError(404, "not_found", what);
export const forbidden = (what = "Your role in this team does not allow this") => new ApiError(403, "forbidden", what);

export function errorResponse(status: number, code: string, message: string, headers?: HeadersInit): Response {
  return Response.json({ error: { code, message } }, { status, headers });
}

export type ErrorAnswer = { status: number; code: string; message: string; headers?: Record<string, string> };

/** What a request is told about an error it caused (bad input, not found, ...); null for our own faults. */
export function knownError(err: unknown): ErrorAnswer | null {
  if (isApiError(err)) return { status: err.status, code: err.code, message: err.message, headers: err.headers };
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { status: 400, code: "invalid_input", message: `${where}${issue?.message ?? "invalid input"}` };
  }
  return null;
}

/** Maps anything a handler throws to the documented JSON error shape. */
export function toErrorResponse(err: unknown): Response {
  const known = knownError(err);
  if (known) return errorResponse(known.status, known.code, known.message, known.headers);
  console.error("[api] unhandled error", err);
  return errorResponse(500, "internal_error", "Something went wrong on our side; nothing was changed.");
}
