import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets a second build (tests, a helper's dev server) live beside the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // mongoose must stay a runtime require: bundling it breaks its driver plumbing.
  serverExternalPackages: ["mongoose", "mongodb"],
};

export default nextConfig;
