// What the README says about Node.js versions is what the dependencies accept:
// every package the lock installs declares engines that take Node 20.19, 22.12
// and 24 (CI runs 20), so `npm install` warns EBADENGINE on none of them.
import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
type LockEntry = { version?: string; optional?: boolean; engines?: { node?: string } | string[] };
const NODES = ["20.19.0", "22.12.0", "24.0.0"];

describe("Node.js versions", () => {
  it("are stated the same in package.json and the README", () => {
    expect(JSON.parse(read("package.json")).engines.node).toBe(">=20.19");
    expect(read("README.md")).toContain("Node.js 20.19+, 22.12+ or 24");
  });

  it("are accepted by every installed dependency", () => {
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, LockEntry> };
    const refused: string[] = [];
    let checked = 0;
    for (const [where, entry] of Object.entries(lock.packages)) {
      // Optional entries are other platforms' native builds, skipped by npm here.
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (!range || entry.optional) continue;
      checked++;
      for (const node of NODES) if (!semver.satisfies(node, range)) refused.push(`${where}@${entry.version} needs node ${range}, not ${node}`);
    }
    expect(checked).toBeGreaterThan(100);
    expect(refused).toEqual([]);
  });

  it("keep @polar-sh/sdk on 0.x and content-type under octokit on 2.x, the last that run on Node 20", () => {
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, LockEntry> };
    expect(lock.packages["node_modules/@polar-sh/sdk"].version).toMatch(/^0\./);
    const contentTypes = Object.entries(lock.packages).filter(([k]) => k.endsWith("node_modules/content-type"));
    for (const [, entry] of contentTypes) expect(semver.satisfies(entry.version!, "<3")).toBe(true);
  });
});
