/**
 * Page patterns of goals and funnel steps: `*` matches any run of characters
 * (slashes included, so "/blog/*" covers "/blog/a/b"), everything else is
 * literal. Compiled to an anchored regex so the store can filter with $regex
 * instead of shipping every pageview to the app.
 */
export const isGlob = (pattern: string) => pattern.includes("*");

const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\/]/g, "\\$&");

export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map(escape).join(".*")}$`);
}

/** A store filter on `path` for any of the patterns: exact ones by $in, globs by $regex. */
export function pathFilter(patterns: string[]): Record<string, unknown> {
  const exact = [...new Set(patterns.filter((p) => !isGlob(p)))];
  const globs = [...new Set(patterns.filter(isGlob))];
  const clauses: Record<string, unknown>[] = [];
  if (exact.length) clauses.push({ path: { $in: exact } });
  for (const g of globs) clauses.push({ path: { $regex: globToRegExp(g).source } });
  if (clauses.length === 1) return clauses[0];
  return { $or: clauses };
}

export function pathMatcher(pattern: string): (path: string) => boolean {
  if (!isGlob(pattern)) return (path) => path === pattern;
  const re = globToRegExp(pattern);
  return (path) => re.test(path);
}
