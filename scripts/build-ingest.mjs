// Bundles lib/ingest/node-handler.ts for scripts/server.mjs, which answers
// /api/track with it before Next.js routes the request. Packages stay
// external, so the bundle shares mongoose (one connection) and every other
// module instance with the Next.js server in the same process; the singletons
// it shares (write buffer, realtime feed, website cache) live on globalThis.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const INGEST_BUNDLE = "trailmark-ingest.cjs";

export async function buildIngestHandler(distDir = process.env.NEXT_DIST_DIR || ".next") {
  await build({
    entryPoints: [path.join(root, "lib", "ingest", "node-handler.ts")],
    outfile: path.join(root, distDir, INGEST_BUNDLE),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildIngestHandler();
