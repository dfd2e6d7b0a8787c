// The tracker loads on every page of every customer's site: the core stays
// small, the build measures it and refuses to go over budget, and the
// committed public/js/script.js is what the source builds to today.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM build script
import { allVariants, buildAllTrackers, buildTracker, EXTENSIONS, GZIP_BUDGET, TRACKER_OUT, variantFile } from "../../../scripts/build-tracker.mjs";

type Built = { file: string; code: string; raw: number; gzip: number };
const root = path.resolve(import.meta.dirname, "../../..");
const runBuild = (...args: string[]) => spawnSync(process.execPath, ["scripts/build-tracker.mjs", "--check", ...args], { cwd: root, encoding: "utf8" });

describe("public/js/script.js", () => {
  it("is within the 1,200-byte gzip budget and matches a fresh build of lib/tracker", async () => {
    const built: Built = await buildTracker();
    const committed = readFileSync(TRACKER_OUT, "utf8");
    expect(GZIP_BUDGET).toBe(1200);
    expect(built.gzip).toBeLessThanOrEqual(1200);
    expect(gzipSync(committed, { level: 9 }).length).toBe(built.gzip);
    // Stale: run `npm run build:tracker` and commit public/js/script.js.
    expect(committed).toBe(built.code);
  });

  it("is measured and printed by the build, which fails over budget", async () => {
    const { gzip }: Built = await buildTracker();
    const ok = runBuild();
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`tracker: public/js/script.js`);
    expect(ok.stdout).toContain(`${gzip} B gzip (budget 1200 B)`);
    const over = runBuild(`--budget=${gzip - 1}`);
    expect(over.status).toBe(1);
    expect(over.stderr).toContain("tracker: the core is over budget by 1 B");
  });
});

describe("variants", () => {
  it("are built for every combination of extensions, named in alphabetical order", async () => {
    const names = Object.keys(EXTENSIONS);
    expect(names).toEqual(["cross-domain", "file-downloads", "outbound-links", "scroll-depth", "web-vitals"]);
    const files = (await buildAllTrackers()).map((b: Built) => b.file);
    expect(files).toHaveLength(2 ** names.length);
    expect(new Set(files).size).toBe(files.length);
    expect(files).toContain("script.js");
    expect(files).toContain("script.outbound-links.web-vitals.js");
    expect(variantFile(["web-vitals", "cross-domain"])).toBe("script.cross-domain.web-vitals.js");
    expect(allVariants()[0]).toEqual([]);
    await expect(buildTracker(["tagged-events"])).rejects.toThrow("unknown tracker extension(s): tagged-events");
  });

  it("each hold only what they name: the core has no extension's code", async () => {
    const built: Built[] = await buildAllTrackers();
    const code = (file: string) => built.find((b) => b.file === file)!.code;
    const marks: Record<string, string> = {
      "cross-domain": "_tm=",
      "file-downloads": "file_download",
      "outbound-links": "outbound_click",
      "scroll-depth": "scrollDepth",
      "web-vitals": "largest-contentful-paint",
    };
    for (const [ext, mark] of Object.entries(marks)) {
      expect(code("script.js")).not.toContain(mark);
      expect(code(`script.${ext}.js`)).toContain(mark);
      for (const [other, otherMark] of Object.entries(marks)) if (other !== ext) expect(code(`script.${ext}.js`)).not.toContain(otherMark);
    }
  });

  it("are each one self-contained classic script (an IIFE, no module syntax, no strict-mode prologue)", async () => {
    for (const { code } of (await buildAllTrackers()) as Built[]) {
      expect(code.startsWith("(()=>{")).toBe(true);
      expect(code).not.toMatch(/\bimport\b|\bexport\b|"use strict"/);
    }
  });
});
