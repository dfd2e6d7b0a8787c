// What @trailmark/react adds to a page on top of the tracker: its build,
// bundled and minified as an app's bundler would (react left out, the app
// has it), gzipped. Run after `npm run build`.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const SIZE_BUDGET = 2048;
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist", "index.js");

export async function measure() {
  const res = await build({ entryPoints: [dist], bundle: true, minify: true, format: "esm", external: ["react"], write: false, logLevel: "silent" });
  const code = res.outputFiles[0].text;
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { raw, gzip } = await measure();
  console.log(`@trailmark/react: ${raw} B minified, ${gzip} B gzip on top of the tracker (budget ${SIZE_BUDGET} B)`);
  if (gzip > SIZE_BUDGET) process.exit(1);
}
