import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/code-block";
import { Logo } from "@/components/logo";
import { Features } from "./features";
import { ProductShot } from "./product-shot";
import { ThemeToggle } from "@/components/theme-toggle";

const EXAMPLE_SNIPPET = `<script defer src="https://your-trailmark-host/js/script.js"
  data-website-id="YOUR_SITE_ID" data-domain="example.com"></script>`;

export function LandingPage() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-6xl items-center justify-between px-4 py-4 sm:px-6">
        <Logo />
        <nav className="flex items-center gap-1 sm:gap-2">
          <ThemeToggle />
          <Button asChild variant="ghost" size="sm" className="hidden sm:inline-flex">
            <Link href="/demo">Live demo</Link>
          </Button>
          <Button asChild variant="ghost" size="sm">
            <Link href="/docs">Docs</Link>
          </Button>
          <Button asChild variant="ghost" size="sm" className="hidden sm:inline-flex">
            <Link href="/docs/api">API docs</Link>
          </Button>
          <Button asChild variant="ghost" size="sm">
            <Link href="/login">Log in</Link>
          </Button>
          <Button asChild size="sm">
            <Link href="/signup">Sign up</Link>
          </Button>
        </nav>
      </header>

      <main className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-16 px-4 pt-12 pb-20 sm:px-6 sm:pt-20">
        <section className="mx-auto flex max-w-3xl flex-col items-center gap-6 text-center">
          <span className="rounded-full border bg-muted/50 px-3 py-1 text-xs font-medium text-muted-foreground">
            Privacy-friendly web analytics with revenue attribution
          </span>
          <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            See which sources bring paying customers
          </h1>
          <p className="max-w-2xl text-lg text-balance text-muted-foreground">
            Trailmark counts visitors without cookie banners or personal data, and follows each payment back to the
            page, campaign and referrer that earned it.
          </p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Button asChild size="lg">
              <Link href="/signup">
                Start for free <ArrowRight />
              </Link>
            </Button>
            <Button asChild size="lg" variant="outline">
              <Link href="/demo">See the live demo</Link>
            </Button>
          </div>
        </section>

        <ProductShot />

        <Features />

        <section className="mx-auto grid w-full max-w-3xl gap-3">
          <h2 className="text-xl font-semibold tracking-tight">Add one script tag</h2>
          <p className="text-sm text-muted-foreground">
            Paste it into your site&apos;s &lt;head&gt;. Pageviews, sources and devices start flowing in at once;
            connect a payment provider&apos;s webhook to see revenue per source. The{" "}
            <Link href="/docs" className="font-medium text-foreground underline underline-offset-4">
              docs
            </Link>{" "}
            cover the tag&apos;s options, a proxy on your own domain and each provider&apos;s setup.
          </p>
          <CodeBlock>{EXAMPLE_SNIPPET}</CodeBlock>
          <p className="text-sm text-muted-foreground">
            From your server, record payments and goals and read visitors and stats through the{" "}
            <Link href="/docs/api" className="font-medium text-foreground underline underline-offset-4">
              REST API
            </Link>
            .
          </p>
        </section>
      </main>

      <footer className="border-t py-6 text-center text-xs text-muted-foreground">
        Trailmark — analytics that respects your visitors.
      </footer>
    </div>
  );
}
