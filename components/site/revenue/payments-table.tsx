"use client";

import Link from "next/link";
import { useState } from "react";
import { formatDateTime, formatMoney } from "@/components/format";
import { apiQuery, type DashState } from "@/components/site/dashboard/query";
import { useJson } from "@/components/site/dashboard/use-json";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { PaymentsList } from "@/lib/payments/list-payments";
import type { PaymentTouch } from "@/lib/stats/get-payments-page";
import { cn } from "@/lib/utils";
import { pageInfo } from "./revenue-data";

type Payment = PaymentsList["payments"][number];
const PAGE_SIZE = 25;

const touchText = (t: PaymentTouch | null) => (t ? [t.channel ?? "Direct", t.referrer, t.campaign].filter(Boolean).join(" · ") : "Unattributed");

function Amount({ p }: { p: Payment }) {
  return (
    <span className="tabular-nums">
      <span className={cn("font-medium", p.amount - p.refunded > 0 ? "text-revenue" : "text-muted-foreground line-through")}>{formatMoney(p.amount - p.refunded, p.currency)}</span>
      {p.refunded ? <span className="ml-1 text-xs text-destructive">−{formatMoney(p.refunded, p.currency)} refunded</span> : null}
      {p.renewal ? <span className="ml-1 text-xs text-muted-foreground">renewal</span> : null}
    </span>
  );
}

function Buyer({ p, websiteId }: { p: Payment; websiteId: string }) {
  const name = p.customer?.name ?? p.customer?.userId ?? null;
  if (!p.visitorId) return <span className="text-xs text-muted-foreground">{name ?? "unattributed"}</span>;
  return (
    <Link href={`/dashboard/${websiteId}/visitors/${encodeURIComponent(p.visitorId)}`} className="underline-offset-2 hover:underline">
      {name ?? <span className="font-mono text-xs">{p.visitorId.slice(0, 12)}</span>}
    </Link>
  );
}

/** The period's payments under the view's filters, newest first, a page at a time; a table on wide screens, a list on a phone. */
export function PaymentsTable({ apiBase, websiteId, state, showCustomers }: { apiBase: string; websiteId: string; state: DashState; showCustomers: boolean }) {
  const [paging, setPaging] = useState({ key: "", page: 1 });
  const key = apiQuery(state);
  const page = paging.key === key ? paging.page : 1; // a new view starts at page one
  const { data, error, loading } = useJson<PaymentsList>(`${apiBase}/payments?${apiQuery(state, { page, pageSize: PAGE_SIZE })}`);
  const info = data ? pageInfo(data.page, data.pageSize, data.total) : null;
  const go = (n: number) => setPaging({ key, page: n });
  return (
    <Card data-testid="payments">
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <div className="grid gap-1">
          <CardTitle className="text-base">Payments</CardTitle>
          <CardDescription>Refunds included. {showCustomers ? "Buyers as your identify calls named them." : "Buyer names are shown to owners and admins."}</CardDescription>
        </div>
        {info ? (
          <div className="flex items-center gap-2 text-xs text-muted-foreground">
            <span data-testid="payments-range">{info.text}</span>
            <Button size="sm" variant="outline" disabled={!info.prev} onClick={() => go(page - 1)}>Previous</Button>
            <Button size="sm" variant="outline" disabled={!info.next} onClick={() => go(page + 1)}>Next</Button>
          </div>
        ) : null}
      </CardHeader>
      <CardContent className={cn("px-3 transition-opacity sm:px-6", loading && data && "opacity-60")}>
        {error ? (
          <p className="py-8 text-center text-sm text-destructive">{error}</p>
        ) : !data ? (
          <Skeleton className="h-40 w-full" />
        ) : data.payments.length === 0 ? (
          <p className="py-8 text-center text-sm text-muted-foreground">No payments in this period and these filters.</p>
        ) : (
          <>
            <table className="hidden w-full text-sm md:table">
              <thead className="text-left text-xs text-muted-foreground">
                <tr className="border-b">
                  <th className="py-2 pr-3 font-medium">When</th>
                  <th className="py-2 pr-3 font-medium">Amount</th>
                  <th className="py-2 pr-3 font-medium">Buyer</th>
                  <th className="py-2 pr-3 font-medium">First touch</th>
                  <th className="py-2 pr-3 font-medium">Last touch</th>
                  <th className="py-2 font-medium">Provider</th>
                </tr>
              </thead>
              <tbody>
                {data.payments.map((p) => (
                  <tr key={p.id} className="border-b last:border-0" data-payment={p.transactionId}>
                    <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(p.timestamp)}</td>
                    <td className="py-2 pr-3"><Amount p={p} /></td>
                    <td className="py-2 pr-3"><Buyer p={p} websiteId={websiteId} /></td>
                    <td className="py-2 pr-3">{touchText(p.firstTouch)}</td>
                    <td className="py-2 pr-3">{touchText(p.lastTouch)}</td>
                    <td className="py-2 capitalize">{p.provider}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ul className="grid gap-2 md:hidden">
              {data.payments.map((p) => (
                <li key={p.id} className="grid gap-0.5 rounded-md border px-3 py-2 text-sm" data-payment={p.transactionId}>
                  <div className="flex items-baseline justify-between gap-2"><Amount p={p} /><span className="text-xs text-muted-foreground">{formatDateTime(p.timestamp)}</span></div>
                  <div className="flex justify-between gap-2"><Buyer p={p} websiteId={websiteId} /><span className="text-xs capitalize text-muted-foreground">{p.provider}</span></div>
                  <div className="text-xs text-muted-foreground">First: {touchText(p.firstTouch)} · Last: {touchText(p.lastTouch)}</div>
                </li>
              ))}
            </ul>
          </>
        )}
      </CardContent>
    </Card>
  );
}
