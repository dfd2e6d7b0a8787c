/**
 * Page patterns of goals and funnel steps: `*` matches any run of characters
 * (slashes included, so "/blog/*" covers "/blog/a/b"), everything else is
 * literal. Compiled to an anchored regex so the stats engine filters the
 * pageviews itself instead of shipping them to the app.
 */
export const isGlob = (pattern: string) => pattern.includes("*");

const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\/]/g, "\\$&");

export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map(escape).join(".*")}$`);
}

/** The pattern as an engine condition on `column`: equality, or an anchored RE2 match (the regex above is RE2-compatible). */
export function pathMatchSql(pattern: string, column: string, quote: (s: string) => string): string {
  return isGlob(pattern) ? `match(${column}, ${quote(globToRegExp(pattern).source)})` : `${column} = ${quote(pattern)}`;
}

export function pathMatcher(pattern: string): (path: string) => boolean {
  if (!isGlob(pattern)) return (path) => path === pattern;
  const re = globToRegExp(pattern);
  return (path) => re.test(path);
}
