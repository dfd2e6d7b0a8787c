import { readFileSync } from "node:fs";
import path from "node:path";
import { Marked, Renderer, type Token, type Tokens } from "marked";

/**
 * The docs page serves the README, so the served docs and the repository's
 * never drift apart. Its `##` sections are split out for the page's menu and
 * rendered to HTML once, at build time (the page is static).
 */
export type DocsSection = { title: string; id: string; group: DocsGroup; html: string; subsections: { title: string; id: string }[] };
export type DocsGroup = "Guides" | "Running Trailmark";
export type Docs = { lead: string; sections: DocsSection[] };

/** Sections about running a server of your own; every other section is a guide for site owners. */
const RUNNING = new Set(["Quick start", "Configuration", "Architecture", "The stats engine (ClickHouse)", "Ingest durability", "Reliability"]);
/** For contributors to this repository, not for readers of a served page. */
const LEFT_OUT = new Set(["Tests"]);

/** GitHub's heading anchors, so links written for the README (`#privacy`) work on the page too. */
export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function plainText(tokens: Token[]): string {
  return tokens.map((t) => ("tokens" in t && t.tokens ? plainText(t.tokens) : "text" in t ? String(t.text) : "")).join("");
}

function markdown(ids: Map<string, number>): Marked {
  const renderer = new Renderer();
  renderer.heading = function ({ tokens, depth }: Tokens.Heading) {
    const id = uniqueId(ids, slugOf(plainText(tokens)));
    return `<h${depth} id="${id}"><a href="#${id}">${this.parser.parseInline(tokens)}</a></h${depth}>\n`;
  };
  // Raw HTML in the README is shown as text, never run: the page renders it with innerHTML.
  renderer.html = ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text);
  return new Marked({ gfm: true, renderer });
}

function uniqueId(ids: Map<string, number>, slug: string): string {
  const seen = ids.get(slug) ?? 0;
  ids.set(slug, seen + 1);
  return seen === 0 ? slug : `${slug}-${seen}`;
}

/** Splits markdown into its lead (before the first `##`) and `##` sections, rendered to HTML. */
export function docsFromMarkdown(source: string): Docs {
  const ids = new Map<string, number>();
  const md = markdown(ids);
  const tokens = md.lexer(source);
  const parts: { heading: Tokens.Heading | null; tokens: Token[] }[] = [{ heading: null, tokens: [] }];
  for (const token of tokens) {
    if (token.type === "heading" && token.depth === 2) parts.push({ heading: token as Tokens.Heading, tokens: [] });
    if (token.type === "heading" && token.depth === 1) continue; // the page has its own title
    parts[parts.length - 1].tokens.push(token);
  }
  const render = (list: Token[]) => md.parser(Object.assign(list, { links: tokens.links }));
  const lead = render(parts[0].tokens);
  const sections = parts.slice(1).flatMap(({ heading, tokens: body }) => {
    const title = plainText(heading!.tokens);
    if (LEFT_OUT.has(title)) return [];
    const html = render(body);
    const id = html.match(/^<h2 id="([^"]+)"/)![1];
    // Ids are handed out while rendering (duplicates get a suffix), so read the h3 ones back in order.
    const h3Ids = [...html.matchAll(/<h3 id="([^"]+)"/g)].map((m) => m[1]);
    const subsections = body
      .filter((t): t is Tokens.Heading => t.type === "heading" && t.depth === 3)
      .map((t, i) => ({ title: plainText(t.tokens), id: h3Ids[i] }));
    return [{ title, id, group: RUNNING.has(title) ? ("Running Trailmark" as const) : ("Guides" as const), html, subsections }];
  });
  return { lead, sections };
}

/** The README this server was built from. */
export function readmeDocs(): Docs {
  return docsFromMarkdown(readFileSync(path.join(process.cwd(), "README.md"), "utf8"));
}
