import { withApiKey } from "@/lib/auth/with-api-key";
import { notFound } from "@/lib/http/errors";
import { eraseVisitor } from "@/lib/privacy/erase-visitor";
import { visitorParamsSchema } from "@/lib/schemas/api-v1";
import { getVisitor } from "@/lib/visitors/get-visitor";

export const dynamic = "force-dynamic";

// An id no tracker could have produced names no visitor: 404, like an unknown one.
const visitorIdOf = (params: { visitorId: string }) => {
  const parsed = visitorParamsSchema.safeParse(params);
  if (!parsed.success) throw notFound("No visitor with this id on this website");
  return parsed.data.visitorId;
};

export const GET = withApiKey<{ visitorId: string }>(async (_req, { website, params }) => Response.json({ visitor: await getVisitor(website, visitorIdOf(params)) }));

export const DELETE = withApiKey<{ visitorId: string }>(async (_req, { website, params }) => {
  await eraseVisitor(website.id, { visitorId: visitorIdOf(params) });
  return new Response(null, { status: 204 });
});
