import { withApiKey } from "@/lib/auth/with-api-key";
import { notFound } from "@/lib/http/errors";
import { visitorParamsSchema } from "@/lib/schemas/api-v1";
import { getVisitor } from "@/lib/visitors/get-visitor";

export const dynamic = "force-dynamic";

export const GET = withApiKey<{ visitorId: string }>(async (_req, { website, params }) => {
  // An id no tracker could have produced names no visitor: 404, like an unknown one.
  const parsed = visitorParamsSchema.safeParse(params);
  if (!parsed.success) throw notFound("No visitor with this id on this website");
  return Response.json({ visitor: await getVisitor(website, parsed.data.visitorId) });
});
