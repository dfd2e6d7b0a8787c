import { badImport } from "./errors";

/**
 * RFC 4180 CSV: comma separated, fields optionally in double quotes ("" is a
 * quote inside one), CRLF or LF line ends, a leading byte-order mark ignored.
 * A quote left open at the end of the text is an error (a cut-off file), not
 * a field that swallows the rest.
 */
export function parseCsv(text: string, file: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') (field += '"'), i++;
        else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (quoted) throw badImport("invalid_csv", `${file}: a quoted field is never closed (is the file cut off?)`);
  if (field !== "" || row.length) row.push(field), rows.push(row);
  // Blank lines (a trailing newline, say) carry nothing.
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

export type CsvTable = { file: string; header: string[]; rows: string[][] };

/** The table of a CSV file with a header line. */
export function csvTable(text: string, file: string): CsvTable {
  const [header, ...rows] = parseCsv(text, file);
  if (!header) throw badImport("invalid_csv", `${file}: the file is empty`);
  return { file, header: header.map((h) => h.trim()), rows };
}

/**
 * Checks the header against what a tool writes: every required column present,
 * nothing unknown (a file from another tool or version is refused, not guessed at).
 */
export function checkColumns(t: CsvTable, required: readonly string[], optional: readonly string[] = []): void {
  const missing = required.filter((c) => !t.header.includes(c));
  if (missing.length) throw badImport("unknown_columns", `${t.file}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  const known = new Set([...required, ...optional]);
  const unknown = t.header.filter((c) => !known.has(c));
  if (unknown.length) throw badImport("unknown_columns", `${t.file}: unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}`);
}

/** Reads named fields of each row, with the file and line in every error. */
export function* records(t: CsvTable): Generator<{ get: (column: string) => string; count: (column: string) => number; line: number }> {
  const index = new Map(t.header.map((h, i) => [h, i]));
  for (let n = 0; n < t.rows.length; n++) {
    const r = t.rows[n];
    const line = n + 2;
    if (r.length !== t.header.length) throw badImport("invalid_csv", `${t.file}, line ${line}: ${r.length} fields where the header has ${t.header.length}`);
    const get = (column: string) => r[index.get(column) ?? -1] ?? "";
    const count = (column: string) => {
      const v = get(column).trim();
      if (v === "") return 0;
      if (!/^\d+(\.0+)?$/.test(v)) throw badImport("invalid_csv", `${t.file}, line ${line}: ${column} must be a whole number, not "${v}"`);
      const num = Number.parseInt(v, 10);
      if (!Number.isSafeInteger(num)) throw badImport("invalid_csv", `${t.file}, line ${line}: ${column} is too large`);
      return num;
    };
    yield { get, count, line };
  }
}
