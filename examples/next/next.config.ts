import { withTrailmark } from "@trailmark/next";
import type { NextConfig } from "next";

const config: NextConfig = {
  // Lets the tests build beside a developer's own build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

// /js/script*.js and /api/track on this site are served by Trailmark.
export default withTrailmark(config, { host: process.env.TRAILMARK_HOST || "http://localhost:3000" });
