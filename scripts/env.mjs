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

/** MONGODB_URI as given, or the started store with the database name (MONGODB_DB, default "trailmark"). */
export function appDatabaseUri(store) {
  if (store.external) return store.uri;
  return withDatabase(store.uri, process.env.MONGODB_DB || "trailmark");
}
