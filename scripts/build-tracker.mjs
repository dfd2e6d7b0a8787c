// Builds the browser tracker (lib/tracker) into public/js/script.js and keeps
// it under its size budget: it loads on every page of every customer's site.
import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const TRACKER_OUT = path.join(root, "public", "js", "script.js");
export const GZIP_BUDGET = 1500;

/** Builds in memory; returns the code and its raw and gzipped (level 9) sizes in bytes. */
export async function buildTracker() {
  const res = await build({
    entryPoints: [path.join(root, "lib", "tracker", "index.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2020",
    legalComments: "none",
    write: false,
    logLevel: "silent",
    // The IIFE needs no "use strict" prologue: 13 bytes on every page view.
    tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
  });
  const code = res.outputFiles[0].text;
  return { code, raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { code, raw, gzip } = await buildTracker();
  mkdirSync(path.dirname(TRACKER_OUT), { recursive: true });
  writeFileSync(TRACKER_OUT, code);
  console.log(`tracker: ${path.relative(root, TRACKER_OUT)} ${raw} B raw, ${gzip} B gzip (budget ${GZIP_BUDGET} B)`);
  if (gzip > GZIP_BUDGET) {
    console.error(`tracker: over budget by ${gzip - GZIP_BUDGET} B`);
    process.exit(1);
  }
}
