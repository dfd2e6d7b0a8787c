// Each package packs cleanly: `npm pack --dry-run` (which builds it first)
// warns about nothing and ships its README, package.json and a dist that holds
// every file its exports and types point to, and nothing else.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGES, root } from "../helpers/packages";

type Packed = { name: string; version: string; files: { path: string }[] };

describe.each(PACKAGES)("packages/%s", (dir) => {
  it("packs with a version, exports, types and a README, warning about nothing", () => {
    const res = spawnSync("npm", ["pack", "--dry-run", "--json", "--workspace", `packages/${dir}`], { cwd: root, encoding: "utf8" });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stderr).not.toMatch(/npm (warn|error)/i);
    const [packed] = JSON.parse(res.stdout) as Packed[];
    const manifest = JSON.parse(readFileSync(path.join(root, "packages", dir, "package.json"), "utf8"));
    expect(packed).toMatchObject({ name: `@trailmark/${dir}`, version: manifest.version });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    const files = packed.files.map((f) => f.path).sort();
    expect(files).toContain("README.md");
    expect(files).toContain("package.json");
    expect(files.filter((f) => !["README.md", "package.json"].includes(f)).every((f) => /^dist\/\w+\.(js|d\.ts)$/.test(f))).toBe(true);
    const targets = [manifest.main, manifest.types, manifest.exports["."].types, manifest.exports["."].default].map((p: string) => p.replace(/^\.\//, ""));
    for (const target of targets) expect(files).toContain(target);
    expect(readFileSync(path.join(root, "packages", dir, "README.md"), "utf8")).toMatch(/```(ts|tsx)\n/);
  });
});
