import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets a second build (tests, a helper's dev server) live beside the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Runtime requires: bundling breaks mongoose's driver plumbing, and chDB is a native addon.
  serverExternalPackages: ["mongoose", "mongodb", "chdb", "@clickhouse/client"],
};

export default nextConfig;
