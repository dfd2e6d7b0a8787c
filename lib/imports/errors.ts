import { ApiError } from "@/lib/http/errors";

/** A file that cannot be imported: 400 with a code and a message naming the file and line. */
export const badImport = (code: string, message: string) => new ApiError(400, code, message);
