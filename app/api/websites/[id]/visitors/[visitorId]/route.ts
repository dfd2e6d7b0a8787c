import { withWebsite } from "@/lib/auth/with-website";
import { notFound } from "@/lib/http/errors";
import { eraseVisitor } from "@/lib/privacy/erase-visitor";
import { visitorParamsSchema } from "@/lib/schemas/api-v1";

export const dynamic = "force-dynamic";

// The visitor profile's "Erase visitor": the same erasure as DELETE /api/v1/visitors/{id}, for the site's admins.
export const DELETE = withWebsite<{ id: string; visitorId: string }>("admin", async (_req, { website, params }) => {
  const parsed = visitorParamsSchema.safeParse(params);
  if (!parsed.success) throw notFound("No visitor with this id on this website");
  await eraseVisitor(String(website._id), { visitorId: parsed.data.visitorId });
  return new Response(null, { status: 204 });
});
