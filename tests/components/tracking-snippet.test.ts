// The tag the dashboard hands out follows the site's settings, extensions included.
import { describe, expect, it } from "vitest";
import { trackingSnippet } from "@/components/tracking-snippet";
// @ts-expect-error plain ESM build script
import { variantFile } from "../../scripts/build-tracker.mjs";

const ID = "65f0c0ffee00000000000001";
const src = (tag: string) => /src="([^"]+)"/.exec(tag)![1];

describe("trackingSnippet", () => {
  it("is the core script with the site's id and domain by default", () => {
    expect(trackingSnippet("https://tm.example", ID, "shop.example")).toBe(
      `<script defer src="https://tm.example/js/script.js" data-website-id="${ID}" data-domain="shop.example"></script>`,
    );
  });

  it("loads the scroll-depth and cross-domain extensions under the name the build gives them", () => {
    const tag = trackingSnippet("https://tm.example", ID, "shop.example", { trackScroll: true, allowedHostnames: ["pay.example", "docs.example"], cookieless: true });
    expect(src(tag)).toBe(`https://tm.example/js/${variantFile(["scroll-depth", "cross-domain"])}`);
    expect(tag).toContain(` data-allowed-hostnames="pay.example,docs.example"`);
    expect(tag).toContain(" data-cookieless");
    expect(tag).not.toContain("data-track-scroll");
    expect(src(trackingSnippet("https://tm.example", ID, "shop.example", { trackScroll: true }))).toBe("https://tm.example/js/script.scroll-depth.js");
  });
});
