import Link from "next/link";
import { CodeBlock } from "@/components/code-block";
import type { OpenApiDocument } from "@/lib/openapi/document";
import { anchorOf, EndpointSection } from "./endpoint-section";
import { DocsHeader } from "./docs-header";

const ERROR_EXAMPLE = `{"error": {"code": "visitor_not_found", "message": "This website has never seen a visitor with this id"}}`;

/** The public API reference, rendered from the same OpenAPI document /api/v1/openapi.json serves. */
export function ApiDocs({ doc }: { doc: OpenApiDocument }) {
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  return (
    <div className="flex min-h-dvh flex-col">
      <DocsHeader href="/docs" label="Docs" />
      <div className="mx-auto grid w-full max-w-6xl gap-8 px-4 pb-20 sm:px-6 lg:grid-cols-[14rem_1fr]">
        <nav className="top-6 hidden self-start lg:sticky lg:block">
          <ul className="flex flex-col gap-1 text-sm">
            {operations.map(({ path, method, op }) => (
              <li key={`${method} ${path}`}>
                <Link href={`#${anchorOf(method, path)}`} className="flex gap-2 rounded-md px-2 py-1 hover:bg-muted">
                  <span className="w-10 font-mono text-xs uppercase text-muted-foreground">{method}</span>
                  <span className="truncate">{op.summary}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main className="flex min-w-0 flex-col gap-6">
          <section className="flex flex-col gap-3">
            <h1 className="text-3xl font-semibold tracking-tight">{doc.info.title}</h1>
            <p className="text-muted-foreground">
              Read the visitors of a website and send it goals and identities from your own server. Base URL:{" "}
              <code className="font-mono text-sm text-foreground">{doc.servers[0]?.url}</code>. The same reference as an OpenAPI 3.1
              document:{" "}
              <a href="/api/v1/openapi.json" className="font-medium text-foreground underline underline-offset-4">
                openapi.json
              </a>
              .
            </p>
            <h2 className="mt-2 text-lg font-semibold">Authentication</h2>
            <p className="text-sm">
              Create an API key in the website&apos;s settings and send it as a bearer token. A key is bound to one website: every
              request reads and writes only that website&apos;s data. A missing, unknown or revoked key is a <code>401</code>.
            </p>
            <CodeBlock>{`curl ${doc.servers[0]?.url}/realtime \\\n  -H "Authorization: Bearer $TRAILMARK_API_KEY"`}</CodeBlock>
            <h2 className="mt-2 text-lg font-semibold">Rate limits</h2>
            <p className="text-sm">
              Each key may make 600 requests per minute by default (the operator sets <code>TRAILMARK_API_RATE_LIMIT</code>), refilled
              continuously. Every response carries <code>X-RateLimit-Limit</code>, <code>X-RateLimit-Remaining</code> and{" "}
              <code>X-RateLimit-Reset</code> (seconds until the budget is full again); past the limit the answer is <code>429</code>{" "}
              with <code>Retry-After</code> in seconds.
            </p>
            <h2 className="mt-2 text-lg font-semibold">Errors</h2>
            <p className="text-sm">
              Every error has the same JSON shape; branch on <code>code</code>, show <code>message</code>. Invalid input is a{" "}
              <code>400</code> and writes nothing. Money is in integer minor units (cents).
            </p>
            <CodeBlock>{ERROR_EXAMPLE}</CodeBlock>
          </section>
          {operations.map(({ path, method, op }) => (
            <EndpointSection key={`${method} ${path}`} method={method} path={path} op={op} components={doc.components.schemas} />
          ))}
        </main>
      </div>
    </div>
  );
}
