// The docs page is the README split into sections: every section the README has
// (but the contributors' one) is there, every in-page link lands on a heading,
// and raw HTML in the markdown is shown, never run.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { docsFromMarkdown, readmeDocs, slugOf } from "@/lib/docs/readme-sections";

const README = readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");

describe("the README as docs", () => {
  const docs = readmeDocs();
  const html = docs.lead + docs.sections.map((s) => s.html).join("");
  const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));

  it("has every ## section of the README but Tests, in groups", () => {
    const headings = [...README.matchAll(/^## (.+)$/gm)].map((m) => m[1].replace(/`/g, ""));
    expect(docs.sections.map((s) => s.title)).toEqual(headings.filter((h) => h !== "Tests"));
    expect(docs.sections.find((s) => s.title === "Payments")?.group).toBe("Guides");
    expect(docs.sections.find((s) => s.title === "Quick start")?.group).toBe("Running Trailmark");
  });

  it("every #anchor link lands on a heading of the page", () => {
    const anchors = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(anchors.length).toBeGreaterThan(20);
    expect(anchors.filter((a) => !ids.has(a))).toEqual([]);
  });

  it("lists each section's ### headings with their ids", () => {
    const tracking = docs.sections.find((s) => s.id === "tracking-a-site")!;
    expect(tracking.subsections.map((s) => s.title)).toContain("Verify installation");
    for (const sub of tracking.subsections) expect(ids.has(sub.id)).toBe(true);
  });
});

describe("docsFromMarkdown", () => {
  it("makes GitHub's anchors, numbering repeated headings", () => {
    expect(slugOf("Billing (hosted service)")).toBe("billing-hosted-service");
    expect(slugOf("The visitor's IP: TRUSTED_IP_HEADER")).toBe("the-visitors-ip-trusted_ip_header");
    const docs = docsFromMarkdown("# T\n\nlead\n\n## Setup\n\n### Stripe\n\nx\n\n## More\n\n### Stripe\n\ny\n");
    expect(docs.sections.map((s) => s.subsections[0].id)).toEqual(["stripe", "stripe-1"]);
    expect(docs.lead).toBe("<p>lead</p>\n");
  });

  it("escapes raw HTML and keeps code as text", () => {
    const docs = docsFromMarkdown('## A\n\n<img src=x onerror="alert(1)">\n\n```html\n<script>alert(2)</script>\n```\n\nInline <b>bold</b>.\n');
    const html = docs.sections[0].html;
    expect(html).not.toMatch(/<img|<script|<b>/);
    expect(html).toContain("&lt;img src=x");
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
  });

  it("resolves reference-style links in any section", () => {
    const docs = docsFromMarkdown("## A\n\nSee [the guide][g].\n\n## B\n\nx\n\n[g]: https://example.com/guide\n");
    expect(docs.sections[0].html).toContain('href="https://example.com/guide"');
  });
});
