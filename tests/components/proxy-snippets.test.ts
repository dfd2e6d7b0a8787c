// The Proxy tab's setups forward the tracker file the site's tag loads: with
// an extension (scroll depth here) that is script.<extensions>.js, not script.js.
import { describe, expect, it } from "vitest";
import { cloudflareSnippet, expressSnippet, nextSnippet, nginxSnippet, proxiedTag, vercelSnippet } from "@/components/site/proxy/snippets";

const BASE = { origin: "https://tm.example", websiteId: "65f0c0ffee00000000000001", domain: "shop.example" };
const SETUPS = { nextSnippet, vercelSnippet, cloudflareSnippet, nginxSnippet, expressSnippet };

describe("proxy setups", () => {
  it("forward /js/script.js and /api/track for a site without extensions", () => {
    expect(proxiedTag(BASE)).toBe(`<script defer src="/js/script.js" data-website-id="${BASE.websiteId}" data-domain="shop.example" data-api="/api/track"></script>`);
    for (const [name, snippet] of Object.entries(SETUPS)) {
      expect(snippet(BASE), name).toContain("/js/script.js");
      expect(snippet(BASE), name).toContain("/api/track");
    }
  });

  it("forward the variant a site with scroll depth loads, and the tag asks for it with the site's flags", () => {
    const input = { ...BASE, settings: { trackScroll: true, cookieless: true } };
    expect(proxiedTag(input)).toBe(
      `<script defer src="/js/script.scroll-depth.js" data-website-id="${BASE.websiteId}" data-domain="shop.example" data-cookieless data-api="/api/track"></script>`,
    );
    for (const [name, snippet] of Object.entries(SETUPS)) {
      const code = snippet(input);
      expect(code, name).toContain("/js/script.scroll-depth.js");
      expect(code, name).not.toContain("/js/script.js");
    }
    expect(nginxSnippet(input)).toContain("location = /js/script.scroll-depth.js {\n    proxy_pass https://tm.example/js/script.scroll-depth.js;");
  });
});
