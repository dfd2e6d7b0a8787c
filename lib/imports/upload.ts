import { ApiError } from "@/lib/http/errors";
import { readLimitedBytes } from "@/lib/http/limited-body";
import { fileSourceSchema } from "@/lib/schemas/imports";
import type { FileSource } from "./analytics";

/** The largest export accepted (TRAILMARK_IMPORT_MAX_MB, default 256 MB): years of a busy site's Plausible export are far smaller. */
export function maxUploadBytes(): number {
  const mb = Number(process.env.TRAILMARK_IMPORT_MAX_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 256) * 1024 * 1024;
}

/** A multipart upload (`file`, `source`), read within the limit before anything is parsed. */
export async function readUpload(req: Request): Promise<{ source: FileSource; bytes: Uint8Array; name: string }> {
  const limit = maxUploadBytes();
  let body: Buffer;
  try {
    body = await readLimitedBytes(req, limit);
  } catch (err) {
    if (err instanceof ApiError && err.status === 413) throw new ApiError(413, "file_too_large", `The file must be at most ${limit / 1024 / 1024} MB`);
    throw err;
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new ApiError(400, "invalid_upload", "Send the export as multipart/form-data with fields `file` and `source`");
  }
  const source = fileSourceSchema.safeParse(form.get("source"));
  if (!source.success) throw new ApiError(400, "invalid_input", source.error.issues[0].message);
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) throw new ApiError(400, "invalid_upload", "The `file` field is missing or empty");
  return { source: source.data, bytes: new Uint8Array(await file.arrayBuffer()), name: file instanceof File ? file.name : "upload" };
}
