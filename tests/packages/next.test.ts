// @trailmark/next, built: the rewrites it adds to a Next.js config, merged
// with the config's own, matched the way Next.js matches them.
import { beforeAll, describe, expect, it } from "vitest";
import { buildPackages, importBuilt } from "../helpers/packages";

type Pkg = typeof import("../../packages/next/src/index");
let pkg: Pkg;
beforeAll(async () => {
  buildPackages();
  pkg = await importBuilt("@trailmark/next");
});

const HOST = "https://trailmark.example.com";

describe("withTrailmark", () => {
  it("adds the script (every variant) and the event endpoint before the site's own routes, keeping the rest of the config", async () => {
    const config = pkg.withTrailmark({ poweredByHeader: false, distDir: "build" }, { host: `${HOST}/` });
    expect(config).toMatchObject({ poweredByHeader: false, distDir: "build" });
    expect(await config.rewrites!()).toEqual({
      beforeFiles: [
        { source: "/js/script.js", destination: `${HOST}/js/script.js` },
        { source: "/js/:file(script\\.[a-z.-]+\\.js)", destination: `${HOST}/js/:file` },
        { source: "/api/track", destination: `${HOST}/api/track` },
      ],
      afterFiles: [],
      fallback: [],
    });
  });

  it("keeps rewrites the config already has, as a list or in phases", async () => {
    const mine = { source: "/blog/:path*", destination: "https://blog.example.com/:path*" };
    const ours = pkg.trailmarkRewrites({ host: HOST });
    const asList = await pkg.withTrailmark({ rewrites: async () => [mine] }, { host: HOST }).rewrites!();
    expect(asList).toEqual({ beforeFiles: ours, afterFiles: [mine], fallback: [] });
    const early = { source: "/old", destination: "/new" };
    const phased = await pkg.withTrailmark({ rewrites: async () => ({ beforeFiles: [early], afterFiles: [], fallback: [mine] }) }, { host: HOST }).rewrites!();
    expect(phased).toEqual({ beforeFiles: [...ours, early], afterFiles: [], fallback: [mine] });
  });

  it("matches the tracker's variants and nothing else under /js", async () => {
    // @ts-expect-error Next.js's own copy of path-to-regexp, which its router compiles sources with
    const { pathToRegexp } = await import("next/dist/compiled/path-to-regexp/index.js");
    const variant = pkg.trailmarkRewrites({ host: HOST })[1];
    const re: RegExp = pathToRegexp(variant.source, [], {});
    expect(re.test("/js/script.outbound-links.web-vitals.js")).toBe(true);
    expect(re.test("/js/script.file-downloads.js")).toBe(true);
    expect(re.test("/js/script.js")).toBe(false);
    expect(re.test("/js/app.js")).toBe(false);
    expect(re.test("/js/script.x.js/../../etc")).toBe(false);
  });

  it("refuses a host that is not an http(s) address, saying what it wants", () => {
    expect(() => pkg.withTrailmark({}, { host: "trailmark.example.com" })).toThrow(
      'withTrailmark: host must be the http(s) address of your Trailmark, e.g. https://trailmark.example.com (got "trailmark.example.com")',
    );
  });
});
