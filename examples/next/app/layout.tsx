import { Analytics } from "@trailmark/react";
import type { ReactNode } from "react";

// The website id is read when a page is served, so one build serves any site.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <nav>
          <a href="/">Home</a> · <a href="/pricing">Pricing (full load)</a>
        </nav>
        {children}
        {/* No host: withTrailmark proxies /js/script.js and /api/track through this site. */}
        <Analytics websiteId={process.env.TRAILMARK_WEBSITE_ID ?? ""} domain={process.env.TRAILMARK_DOMAIN} extensions={["outbound-links"]} />
      </body>
    </html>
  );
}
