import { ApiError } from "@/lib/http/errors";

export const missingSignature = (header: string) => new ApiError(400, "missing_signature", `The ${header} header is missing`);

export const invalidSignature = (why = "The signature does not match this website's webhook secret") => new ApiError(401, "invalid_signature", why);

export const invalidPayload = (why = "The body is not valid JSON") => new ApiError(400, "invalid_payload", why);

export function parseJsonBody(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw invalidPayload();
  }
}
