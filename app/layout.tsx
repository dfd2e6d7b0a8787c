import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import "./globals.css";
import { themeScript } from "./theme-script";

export const metadata: Metadata = {
  title: { default: "Trailmark", template: "%s · Trailmark" },
  description: "Privacy-friendly web analytics that shows which sources bring paying customers.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The theme script sets the html class before hydration, which React would otherwise report.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-dvh">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
