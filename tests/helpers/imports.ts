import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";

const FIXTURES = path.join(__dirname, "..", "fixtures", "imports");

/** The fixture files of one tool, by name. */
export function fixtureFiles(tool: "plausible" | "umami"): Record<string, string> {
  const dir = path.join(FIXTURES, tool);
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
}

/** A zip as the tool's export download is, from files by name (changed or added by `edit`). */
export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

/** Plausible's export zip of the fixture days (2026-03-01..03). */
export const plausibleZip = (edit: (files: Record<string, string>) => void = () => {}) => {
  const files = fixtureFiles("plausible");
  edit(files);
  return zipOf(files);
};
