import { CreditCard } from "lucide-react";
import Link from "next/link";
import type { RecentPayment } from "@/lib/payments/get-recent-payments";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ago } from "./feed";

export function RecentPayments({ websiteId, payments, now, format }: { websiteId: string; payments: RecentPayment[]; now: number; format: (minor: number, currency?: string) => string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Recent payments</CardTitle>
      </CardHeader>
      <CardContent>
        {payments.length === 0 ? (
          <p className="flex items-start gap-2 text-sm text-muted-foreground">
            <CreditCard className="mt-0.5 size-4 shrink-0" />
            No payments yet. Connect Stripe, LemonSqueezy, Polar or Paddle in Settings, or send them with POST /api/v1/payments.
          </p>
        ) : (
          <ul className="grid gap-2 text-sm" aria-label="Recent payments">
            {payments.map((p) => (
              <li key={`${p.provider}:${p.transactionId}`} className="flex items-center justify-between gap-3">
                <div className="min-w-0">
                  <p className="font-medium tabular-nums">
                    {format(p.amount - p.refundedAmount, p.currency)}
                    {p.renewal ? <span className="ml-1.5 text-xs font-normal text-muted-foreground">renewal</span> : null}
                  </p>
                  {p.visitorId ? (
                    <Link href={`/dashboard/${websiteId}/visitors/${encodeURIComponent(p.visitorId)}`} className="block truncate text-xs text-muted-foreground underline-offset-2 hover:underline">
                      {p.channel ?? "Visitor"} · {p.provider}
                    </Link>
                  ) : (
                    <p className="text-xs text-muted-foreground">Unattributed · {p.provider}</p>
                  )}
                </div>
                <span className="shrink-0 text-xs text-muted-foreground tabular-nums">{ago(p.timestamp, now)}</span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
