import Link from "next/link";

const ALT = "The Trailmark dashboard of the demo site: visitors and revenue on one chart with X mentions and commits, sources with their revenue, pages, countries and devices";

/** A screenshot of the real dashboard (the seeded demo site, 1440 px), light or dark with the page, linking to the live demo. */
export function ProductShot() {
  return (
    <figure className="mx-auto grid w-full max-w-5xl gap-3">
      <Link href="/demo" className="block overflow-hidden rounded-xl border bg-card shadow-lg transition-shadow hover:shadow-xl" aria-label="Open the live demo">
        {/* Plain <img>: a static file at its own size, nothing for the image optimiser to do. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/product/dashboard-light.png" alt={ALT} width={1440} height={900} className="block h-auto w-full dark:hidden" />
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/product/dashboard-dark.png" alt={ALT} width={1440} height={900} className="hidden h-auto w-full dark:block" />
      </Link>
      <figcaption className="text-center text-sm text-muted-foreground">
        The demo site&apos;s dashboard.{" "}
        <Link href="/demo" className="font-medium text-foreground underline underline-offset-4">Open the live demo</Link>, or read the{" "}
        <Link href="/docs/api" className="font-medium text-foreground underline underline-offset-4">API docs</Link>.
      </figcaption>
    </figure>
  );
}
