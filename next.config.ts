import type { NextConfig } from "next";

// Next.js sends anonymous usage data unless told not to; a build of Trailmark
// contacts nothing outside (set before Next.js starts its telemetry, which it
// does after reading this file).
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const nextConfig: NextConfig = {
  // Lets a second build (tests, a helper's dev server) live beside the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // mongoose must stay a runtime require: bundling it breaks its driver plumbing.
  serverExternalPackages: ["mongoose", "mongodb"],
};

export default nextConfig;
