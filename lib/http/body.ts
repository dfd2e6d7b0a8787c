import type { z } from "zod";
import { ApiError } from "./errors";

/** Reads a JSON body and validates it; malformed JSON and schema misses are 400s. */
export async function parseJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new ApiError(415, "unsupported_media_type", "Send a JSON body with Content-Type: application/json");
  }
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON");
  }
  return schema.parse(raw);
}
