import { withApiKey } from "@/lib/auth/with-api-key";
import { parseJson } from "@/lib/http/body";
import { deleteApiPayment, recordApiPayment } from "@/lib/payments/api-payments";
import { deletePaymentQuerySchema, parseQuery, paymentRequestSchema } from "@/lib/schemas/api-v1";

export const POST = withApiKey(async (req, { website }) => {
  const { created, payment } = await recordApiPayment(website.id, await parseJson(req, paymentRequestSchema));
  return Response.json({ payment }, { status: created ? 201 : 200 });
});

export const DELETE = withApiKey(async (req, { website }) => {
  await deleteApiPayment(website.id, parseQuery(req.url, deletePaymentQuerySchema).transactionId);
  return new Response(null, { status: 204 });
});
