// Environment shared by start, dev, seed and tests: .env, a persistent app
// secret, and the database URI on the chosen store.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withDatabase } from "./store.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function loadDotEnv() {
  const file = path.join(root, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * Sessions and encrypted secrets need a stable secret. When none is configured
 * one is generated once and kept in .data/, so a restart signs nobody out.
 */
export function ensureSecret(dataDir = process.env.TRAILMARK_DATA_DIR || path.join(root, ".data")) {
  if (process.env.NEXTAUTH_SECRET) return;
  const file = path.join(dataDir, "secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    process.stderr.write(`[env] NEXTAUTH_SECRET not set: generated one in ${file} (set it in .env for production)\n`);
  }
  process.env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
}

/**
 * The environment the production server is started with: `env`, and glibc's
 * malloc thresholds fixed at 128 KB unless `env` sets them. By default glibc
 * raises its threshold for handing big blocks straight back to the system
 * each time one is freed, so after a burst of dashboard loads the server kept
 * ~45 MB of freed memory. glibc reads them when a process starts: they cannot
 * be set from inside the server.
 */
export function serverEnv(env) {
  const out = { ...env };
  // Empty counts as unset: glibc would read "" as 0 and map every block on its own.
  for (const name of ["MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"]) if (!out[name]) out[name] = "131072";
  return out;
}

/** MONGODB_URI as given, or the started store with the database name (MONGODB_DB, default "trailmark"). */
export function appDatabaseUri(store) {
  if (store.external) return store.uri;
  return withDatabase(store.uri, process.env.MONGODB_DB || "trailmark");
}
