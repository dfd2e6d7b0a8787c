import Link from "next/link";
import { DocsHeader } from "./docs-header";
import type { Docs, DocsGroup, DocsSection } from "@/lib/docs/readme-sections";

const GROUPS: DocsGroup[] = ["Guides", "Running Trailmark"];

function Contents({ sections, withSubsections }: { sections: DocsSection[]; withSubsections: boolean }) {
  return (
    <div className="flex flex-col gap-4 text-sm">
      {GROUPS.map((group) => (
        <div key={group} className="flex flex-col gap-1">
          <p className="px-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">{group}</p>
          <ul className="flex flex-col">
            {sections
              .filter((s) => s.group === group)
              .map((s) => (
                <li key={s.id}>
                  <a href={`#${s.id}`} className="block rounded-md px-2 py-1 hover:bg-muted">
                    {s.title}
                  </a>
                  {withSubsections && s.subsections.length > 0 && (
                    <ul className="mb-1 ml-3 border-l pl-2">
                      {s.subsections.map((sub) => (
                        <li key={sub.id}>
                          <a href={`#${sub.id}`} className="block truncate rounded-md px-2 py-0.5 text-muted-foreground hover:bg-muted hover:text-foreground">
                            {sub.title}
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

/** The docs page: the README's sections, guides for site owners first, then running a server of your own. */
export function Guide({ docs }: { docs: Docs }) {
  const ordered = GROUPS.flatMap((group) => docs.sections.filter((s) => s.group === group));
  return (
    <div className="flex min-h-dvh flex-col">
      <DocsHeader href="/docs/api" label="API reference" />
      <div className="mx-auto grid w-full max-w-6xl gap-8 px-4 pb-20 sm:px-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <nav aria-label="Contents" className="top-6 hidden max-h-[calc(100dvh-3rem)] self-start overflow-y-auto lg:sticky lg:block">
          <Contents sections={ordered} withSubsections />
        </nav>
        <main className="flex min-w-0 flex-col gap-6">
          <section className="flex flex-col gap-3">
            <h1 className="text-3xl font-semibold tracking-tight">Trailmark docs</h1>
            <div className="docs-prose text-muted-foreground" dangerouslySetInnerHTML={{ __html: docs.lead }} />
            <p className="text-sm text-muted-foreground">
              Reading and writing data from your own server: the{" "}
              <Link href="/docs/api" className="font-medium text-foreground underline underline-offset-4">
                API reference
              </Link>
              .
            </p>
          </section>
          {/* On a phone the menu folds away above the text instead of taking a column. */}
          <details className="rounded-lg border p-3 lg:hidden">
            <summary className="cursor-pointer text-sm font-medium">Contents</summary>
            <div className="mt-3">
              <Contents sections={ordered} withSubsections={false} />
            </div>
          </details>
          {ordered.map((s) => (
            // The HTML is rendered at build time from this repository's README (raw HTML in it is escaped).
            <article key={s.id} className="docs-prose border-t pt-6" dangerouslySetInnerHTML={{ __html: s.html }} />
          ))}
        </main>
      </div>
    </div>
  );
}
