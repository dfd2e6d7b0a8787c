// Patches applied to FerretDB v1.24.2 before the build. The module is copied
// out of the Go module cache and patched under .data/; nothing of FerretDB is
// committed. Each patch names why it exists:
//
// - The _id index: the SQLite backend finds a document by _id with the SQL
//   expression `_ferretdb_sjson->'$._id'`, but creates the unique _id index on
//   `_ferretdb_sjson->"_id"`. SQLite matches expression indexes by their text,
//   so every find, update and delete by _id scanned the whole table (EXPLAIN
//   QUERY PLAN: SCAN instead of SEARCH ... USING INDEX): an update by _id cost
//   ~11 ms at 2,000 documents and grew with the collection. Both spell the same
//   JSON path, so the build uses the index's spelling.
// - Resource tracking: every iterator and SQL result set is registered in a
//   pprof profile with its creation stack and a finalizer that panics if it is
//   never closed, a leak detector for FerretDB's own tests that cost ~10% of
//   the store's CPU per command (perf: runtime/pprof.(*Profile).Add under
//   resource.Track). Release builds skip it, as they already skip the stack.
// - Updates of one document are serialized (update_lock.go.txt says why):
//   without it concurrent updates of one document lose writes.
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

const MODULE = "github.com/FerretDB/FerretDB";
const PATCHES = [
  { file: "internal/backends/sqlite/metadata/metadata.go", before: `IDColumn = DefaultColumn + "->'$._id'"`, after: `IDColumn = DefaultColumn + "->\\"_id\\""` },
  {
    file: "internal/handler/msg_update.go",
    before: "\tmatched, modified, upserted, err := h.updateDocument(connCtx, params)\n",
    after: "\tfilters := make([]*types.Document, 0, len(params.Updates))\n\tfor _, u := range params.Updates {\n\t\tfilters = append(filters, u.Filter)\n\t}\n\tunlock := lockUpdates(params.DB, params.Collection, filters)\n\tmatched, modified, upserted, err := h.updateDocument(connCtx, params)\n\tunlock()\n",
  },
  {
    file: "internal/handler/msg_findandmodify.go",
    before: "\tres, err := h.findAndModifyDocument(connCtx, params)\n",
    after: "\tunlock := lockUpdates(params.DB, params.Collection, []*types.Document{params.Query})\n\tres, err := h.findAndModifyDocument(connCtx, params)\n\tunlock()\n",
  },
  { file: "internal/util/resource/resource.go", before: "func Track(obj any, token *Token) {\n", after: "func Track(obj any, token *Token) {\n\tif !debugbuild.Enabled {\n\t\treturn\n\t}\n" },
  { file: "internal/util/resource/resource.go", before: "func Untrack(obj any, token *Token) {\n", after: "func Untrack(obj any, token *Token) {\n\tif !debugbuild.Enabled {\n\t\treturn\n\t}\n" },
];
const LOCK_FILE = { from: new URL("./update_lock.go.txt", import.meta.url), to: "internal/handler/update_lock.go" };

function go(args, cwd) {
  const res = spawnSync("go", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (res.status !== 0) throw new Error(`go ${args.join(" ")} failed`);
  return res.stdout.trim();
}

/** Writes a go.work that builds `moduleDir` against the patched FerretDB; returns its path. */
export function preparePatchedFerret(moduleDir, workDir) {
  go(["mod", "download", MODULE], moduleDir); // `go list` names no directory for a module not downloaded yet
  const [version, cached] = go(["list", "-m", "-f", "{{.Version}} {{.Dir}}", MODULE], moduleDir).split(" ");
  if (!cached) throw new Error(`go list found no directory for ${MODULE}`);
  const copy = path.join(workDir, `FerretDB@${version}`);
  mkdirSync(workDir, { recursive: true });
  rmSync(copy, { recursive: true, force: true });
  cpSync(cached, copy, { recursive: true });
  // The module cache is read-only; the copy must be writable to patch and to delete later.
  spawnSync("chmod", ["-R", "u+w", copy]);
  for (const { file, before, after } of PATCHES) {
    const target = path.join(copy, file);
    chmodSync(target, 0o644);
    const source = readFileSync(target, "utf8");
    if (!source.includes(before)) throw new Error(`FerretDB ${version}: ${file} no longer has ${JSON.stringify(before)}; check the patches in ${import.meta.filename}`);
    writeFileSync(target, source.replace(before, after));
  }
  writeFileSync(path.join(copy, LOCK_FILE.to), readFileSync(LOCK_FILE.from));
  const work = path.join(workDir, "go.work");
  writeFileSync(work, `go 1.24\n\nuse ${moduleDir}\n\nreplace ${MODULE} ${version} => ./FerretDB@${version}\n`);
  return work;
}
