/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF,
 * with quotes doubled. Text from visitors (paths, titles, props, referrers)
 * that starts like a spreadsheet formula is prefixed with an apostrophe, so
 * opening an export in Excel or Sheets cannot run what a visitor typed.
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (values: unknown[]): string => `${values.map(csvField).join(",")}\r\n`;
