import { publicOrigin } from "@/lib/http/public-origin";
import { buildOpenApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

// No key: the document describes the API, it reveals no website's data.
export function GET(req: Request) {
  return Response.json(buildOpenApiDocument(publicOrigin(req.headers)), {
    headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300" },
  });
}
