// The tracker loads on every page of every customer's site: it stays small, and
// the committed public/js/script.js is what the source builds to today.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM build script
import { buildTracker, GZIP_BUDGET, TRACKER_OUT } from "../../../scripts/build-tracker.mjs";

describe("public/js/script.js", () => {
  it("is within the 1,500-byte gzip budget and matches a fresh build of lib/tracker", async () => {
    const built: { code: string; raw: number; gzip: number } = await buildTracker();
    const committed = readFileSync(TRACKER_OUT, "utf8");
    expect(GZIP_BUDGET).toBe(1500);
    expect(built.gzip).toBeLessThanOrEqual(1500);
    expect(gzipSync(committed, { level: 9 }).length).toBeLessThanOrEqual(1500);
    // Stale: run `npm run build:tracker` and commit public/js/script.js.
    expect(committed).toBe(built.code);
  });

  it("is one self-contained classic script (an IIFE, no module syntax, no strict-mode prologue)", async () => {
    const { code } = await buildTracker();
    expect(code.startsWith("(()=>{")).toBe(true);
    expect(code).not.toMatch(/\bimport\b|\bexport\b|"use strict"/);
  });
});
