import { CodeBlock } from "@/components/code-block";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Operation } from "@/lib/openapi/document";
import { Prose, SchemaFields, typeLabel, type SchemaMap } from "./schema-fields";

export const anchorOf = (method: string, path: string) => `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, "");

const METHOD_STYLE: Record<string, string> = {
  get: "bg-success/15 text-success",
  post: "bg-primary text-primary-foreground",
  delete: "bg-destructive/10 text-destructive",
};

function Heading({ children }: { children: React.ReactNode }) {
  return <h4 className="mt-2 text-xs font-semibold tracking-wide text-muted-foreground uppercase">{children}</h4>;
}

/** One operation of the OpenAPI document: parameters, body, responses, a curl example. */
export function EndpointSection({ method, path, op, components }: { method: string; path: string; op: Operation; components: SchemaMap }) {
  const body = op.requestBody?.content["application/json"]?.schema;
  return (
    <Card id={anchorOf(method, path)} className="scroll-mt-6">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <Badge className={`border-transparent uppercase ${METHOD_STYLE[method] ?? ""}`}>{method}</Badge>
          <code className="font-mono text-sm">/api/v1{path}</code>
          {op.security?.length === 0 && <Badge variant="outline">no key</Badge>}
        </CardTitle>
        <CardDescription>
          <span className="font-medium text-foreground">{op.summary}.</span> <Prose text={op.description} />
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {op.parameters && (
          <>
            <Heading>Parameters</Heading>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>In</TableHead>
                  <TableHead>Type</TableHead>
                  <TableHead>Notes</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {op.parameters.map((p) => (
                  <TableRow key={`${p.in}-${p.name}`}>
                    <TableCell className="font-mono text-xs">
                      {p.name}
                      {p.required && <span className="ml-1 text-destructive" title="required">*</span>}
                    </TableCell>
                    <TableCell className="text-xs text-muted-foreground">{p.in}</TableCell>
                    <TableCell className="font-mono text-xs text-muted-foreground">{typeLabel(p.schema, components)}</TableCell>
                    <TableCell className="text-xs">
                      <Prose text={p.description} />
                      {p.schema.default !== undefined && <span className="ml-1 text-muted-foreground">(default {JSON.stringify(p.schema.default)})</span>}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
        {body && (
          <>
            <Heading>Request body (JSON)</Heading>
            <SchemaFields schema={body} components={components} />
          </>
        )}
        <Heading>Responses</Heading>
        <ul className="flex flex-col gap-2 text-sm">
          {Object.entries(op.responses).map(([status, r]) => {
            const schema = r.content?.["application/json"]?.schema;
            const isError = Number(status) >= 400;
            return (
              <li key={status} className="flex flex-col gap-2">
                <div className="flex items-baseline gap-2">
                  <Badge variant={isError ? "outline" : "success"} className="font-mono">{status}</Badge>
                  <span>
                    <Prose text={r.description} />
                  </span>
                </div>
                {schema && !isError && <SchemaFields schema={schema} components={components} />}
              </li>
            );
          })}
        </ul>
        {op["x-codeSamples"]?.map((sample) => (
          <div key={sample.label} className="flex flex-col gap-2">
            <Heading>Example</Heading>
            <CodeBlock>{sample.source}</CodeBlock>
          </div>
        ))}
      </CardContent>
    </Card>
  );
}
