import { CreditCard } from "lucide-react";
import Link from "next/link";
import type { RecentPayment } from "@/lib/payments/get-recent-payments";
import type { WebsiteDTO } from "@/lib/websites/types";
import { EmptyState } from "@/components/dashboard/empty-state";
import { formatDateTime, formatMoney } from "@/components/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/**
 * The latest payments and who made them: each links to the visitor's profile,
 * the path from first visit to payment. Revenue by source lives on the overview.
 */
export function PaymentsList({ website, payments }: { website: WebsiteDTO; payments: RecentPayment[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Latest payments</CardTitle>
        <CardDescription>Net of refunds. Open a buyer to see the visits that led to the payment.</CardDescription>
      </CardHeader>
      <CardContent className="px-3 sm:px-6">
        {payments.length === 0 ? (
          <EmptyState icon={CreditCard} title="No payments yet">
            Add a webhook secret for Stripe, LemonSqueezy, Polar or Paddle in{" "}
            <Link href={`/dashboard/${website.id}/settings`} className="underline">Settings</Link>, and pass{" "}
            <code className="font-mono">trailmark.visitorId()</code> into your checkout as <code className="font-mono">trailmark_visitor_id</code> metadata.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>When</TableHead>
                  <TableHead className="text-right">Amount</TableHead>
                  <TableHead>Provider</TableHead>
                  <TableHead>First touch</TableHead>
                  <TableHead>Buyer</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {payments.map((p) => (
                  <TableRow key={`${p.provider}:${p.transactionId}`}>
                    <TableCell className="whitespace-nowrap">{formatDateTime(p.timestamp)}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {formatMoney(p.amount - p.refundedAmount, p.currency)}
                      {p.renewal ? <span className="ml-1 text-xs text-muted-foreground">renewal</span> : null}
                    </TableCell>
                    <TableCell className="capitalize">{p.provider}</TableCell>
                    <TableCell>{p.channel ?? "—"}</TableCell>
                    <TableCell>
                      {p.visitorId ? (
                        <Link href={`/dashboard/${website.id}/visitors/${encodeURIComponent(p.visitorId)}`} className="font-mono text-xs underline-offset-2 hover:underline">
                          {p.visitorId.slice(0, 12)}
                        </Link>
                      ) : (
                        <span className="text-xs text-muted-foreground">unattributed</span>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
