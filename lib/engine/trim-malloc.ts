import { createRequire } from "node:module";
import path from "node:path";

type TrimFn = { async(pad: number, done: (err: unknown, released: number) => void): void };
type Koffi = { load(lib: string): { func(signature: string): TrimFn } };

let trim: TrimFn | null | undefined;

function load(): TrimFn | null {
  try {
    // A runtime require from the app's own node_modules, as for chdb: koffi is a native addon.
    const koffi = createRequire(path.join(process.cwd(), "package.json"))("koffi") as Koffi;
    return koffi.load("libc.so.6").func("int malloc_trim(size_t pad)");
  } catch {
    // No glibc (musl, macOS) or no koffi build for this platform: nothing to trim with.
    return null;
  }
}

/**
 * Hands the memory this process freed through malloc back to the system
 * (glibc's malloc_trim). glibc keeps freed blocks inside its heap for reuse,
 * and a block still in use further up stops it from giving back what lies
 * below: after the bench's dashboard loads the server held ~35 MB of freed
 * heap that no later request reused. Runs on a worker thread (koffi's async
 * call), not in the event loop. Resolves whether memory was released; false
 * where there is no glibc to ask.
 */
export function trimMalloc(): Promise<boolean> {
  trim ??= load();
  const fn = trim;
  if (!fn) return Promise.resolve(false);
  return new Promise((resolve) => fn.async(0, (err, released) => resolve(!err && released === 1)));
}
