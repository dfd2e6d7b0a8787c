import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import type { PaymentsQuery } from "@/lib/schemas/stats";
import { statsContext, type StatsSite } from "@/lib/stats/context";
import { getPaymentsPage, type ListedPayment, type PaymentsPage } from "@/lib/stats/get-payments-page";
import { Identity, Payment } from "@/models";

export type Customer = { name: string | null; userId: string | null };
export type PaymentsList = Omit<PaymentsPage, "payments"> & { payments: (ListedPayment & { customer?: Customer | null })[] };

/**
 * A page of payments under the view's period and filters. With `withCustomers`
 * each payment carries who paid: the name the site's identify calls gave the
 * visitor, else the name the payment provider sent (the store keeps no buyer
 * email in clear, only a salted hash for matching).
 */
export async function listPayments(site: StatsSite, q: PaymentsQuery, opts: { withCustomers: boolean }): Promise<PaymentsList> {
  const ctx = await statsContext(site, q);
  const page = await getPaymentsPage(ctx, q.page, q.pageSize);
  if (!opts.withCustomers) return page;
  const visitorIds = [...new Set(page.payments.flatMap((p) => (p.visitorId ? [p.visitorId] : [])))];
  const documentIds = page.payments.flatMap((p) => paymentKey(p.id) ?? []);
  await connectDb();
  const [identities, named] = await Promise.all([
    visitorIds.length ? Identity.find({ websiteId: new Types.ObjectId(site.id), visitorId: { $in: visitorIds } }, { visitorId: 1, name: 1, userId: 1 }).lean() : [],
    documentIds.length
      ? Payment.find({ _id: { $in: documentIds }, websiteId: new Types.ObjectId(site.id), customerName: { $exists: true } }, { customerName: 1 }).lean()
      : [],
  ]);
  const byVisitor = new Map(identities.map((i) => [i.visitorId, { name: i.name ?? null, userId: i.userId ?? null }]));
  const byPayment = new Map(named.map((d) => [String(d._id), d.customerName ?? null]));
  const customerOf = (p: ListedPayment): Customer | null => {
    const identified = p.visitorId ? byVisitor.get(p.visitorId) : undefined;
    const billed = byPayment.get(p.id) ?? null;
    if (identified?.name || !billed) return identified ?? null;
    return { name: billed, userId: identified?.userId ?? null };
  };
  return { ...page, payments: page.payments.map((p) => ({ ...p, customer: customerOf(p) })) };
}

// Payment ids are ObjectIds (paymentObjectId), kept as strings in the engine.
// A row written to the engine alone (the benchmarks' generated payments) has
// another id and no document to name its customer: it is left out of the
// lookup, which would otherwise fail to cast it and answer 500.
const paymentKey = (id: string) => (/^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : null);
