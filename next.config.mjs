// Next.js sends anonymous usage data unless told not to; a build of Trailmark
// contacts nothing outside (set before Next.js starts its telemetry, which it
// does after reading this file).
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

// Plain JavaScript on purpose: a TypeScript config makes Next.js load its
// compiler (~24 MB of the server's memory) at every start just to read it.
/** @type {import("next").NextConfig} */
const nextConfig = {
  // Lets a second build (tests, a helper's dev server) live beside the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Runtime requires: bundling breaks mongoose's driver plumbing, and chDB and koffi are native addons.
  serverExternalPackages: ["mongoose", "mongodb", "chdb", "koffi", "@clickhouse/client"],
  // forbidden(): a member whose role is too low for a page gets app/forbidden.tsx with a 403.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      // Dashboards must not be framed by other sites (clickjacking)...
      { source: "/:path((?!share/).*)", headers: [{ key: "X-Frame-Options", value: "DENY" }, { key: "Content-Security-Policy", value: "frame-ancestors 'none'" }] },
      // ...but a shared dashboard is made to be embedded anywhere.
      { source: "/share/:path*", headers: [{ key: "Content-Security-Policy", value: "frame-ancestors *" }] },
    ];
  },
};

export default nextConfig;
