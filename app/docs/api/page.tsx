import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiDocs } from "@/components/docs/api-docs";
import { publicOrigin } from "@/lib/http/public-origin";
import { buildOpenApiDocument } from "@/lib/openapi/document";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiDocsPage() {
  return <ApiDocs doc={buildOpenApiDocument(publicOrigin(await headers()))} />;
}
