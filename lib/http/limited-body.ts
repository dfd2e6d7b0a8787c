import { ApiError } from "./errors";

/**
 * Reads a request body, refusing more than `limit` bytes with 413 without
 * buffering the excess (Content-Length can be absent or wrong).
 */
export async function readLimitedBytes(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  const tooLarge = () => new ApiError(413, "payload_too_large", `The body must be at most ${limit} bytes`);
  if (declared > limit) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The same, as UTF-8 text. */
export async function readLimitedText(req: Request, limit: number): Promise<string> {
  return (await readLimitedBytes(req, limit)).toString("utf8");
}
