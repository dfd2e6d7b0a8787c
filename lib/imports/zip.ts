import { unzipSync } from "fflate";
import { badImport } from "./errors";

// An export of years of a busy site is a few hundred MB of CSV; more than this is
// refused before it is inflated (a zip bomb must not take the server's memory).
export const MAX_UNZIPPED = 1024 * 1024 * 1024;

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

/** The files of a zip by base name (folders dropped), as text; a damaged or cut-off zip is an error. */
export function unzipTexts(bytes: Uint8Array, what: string): Map<string, string> {
  if (!isZip(bytes)) throw badImport("invalid_file", `This is not a zip file; upload the ${what} as downloaded`);
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNZIPPED) throw badImport("file_too_large", `The zip unpacks to more than ${MAX_UNZIPPED / 1024 / 1024} MB`);
        return !f.name.endsWith("/");
      },
    });
  } catch (err) {
    if (err instanceof Error && "status" in err) throw err;
    throw badImport("invalid_zip", "The zip file is damaged or cut off (the upload may not have finished); download the export again");
  }
  const out = new Map<string, string>();
  const decoder = new TextDecoder("utf-8", { fatal: false });
  for (const [name, data] of Object.entries(files)) {
    const base = name.split("/").pop()!;
    if (base.startsWith(".") || name.startsWith("__MACOSX/")) continue;
    out.set(base, decoder.decode(data));
  }
  return out;
}
