// The workspace packages are tested as users get them: built (tsc -b, which
// skips what is up to date) and imported from their dist.
import { spawnSync } from "node:child_process";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
export const PACKAGES = ["node", "react", "next"] as const;

export function buildPackages(): void {
  const res = spawnSync(path.join(root, "node_modules/.bin/tsc"), ["-b", ...PACKAGES.map((p) => `packages/${p}`)], { cwd: root, encoding: "utf8" });
  if (res.status !== 0) throw new Error(`building packages/ failed:\n${res.stdout}${res.stderr}`);
}

/**
 * A package as its users import it (its dist, through the workspace link).
 * The name is not a literal so typechecking needs no build: tests take the
 * types from the package's source.
 */
export const importBuilt = <T>(name: string): Promise<T> => import(/* @vite-ignore */ name) as Promise<T>;
