"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { KeywordRow } from "@/lib/integrations/search-console/get-keywords";

type Data = { from: string; to: string; currency: string; rows: KeywordRow[] };

const money = (minor: number, currency: string) => (minor / 100).toLocaleString("en-US", { style: "currency", currency, maximumFractionDigits: 0 });
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/** Self-contained: fetches its own data, so any page can place it. */
export function KeywordsPanel({ websiteId }: { websiteId: string }) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void apiFetch<Data>(`/api/websites/${websiteId}/keywords`).then((r) => (r.ok ? setData(r.data) : setError(r.message)));
  }, [websiteId]);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Keywords</CardTitle>
        <CardDescription>
          Google Search Console queries{data ? ` from ${data.from} to ${data.to}` : ""}, with the visitors and revenue of the page they land on.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {error ? (
          <p role="alert" className="text-sm text-destructive">{error}</p>
        ) : !data ? (
          <Skeleton className="h-40" />
        ) : data.rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">No Search Console data yet. Connect Search Console in settings and run an import.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Query</TableHead>
                <TableHead>Landing page</TableHead>
                <TableHead className="text-right">Clicks</TableHead>
                <TableHead className="hidden text-right md:table-cell">Impressions</TableHead>
                <TableHead className="hidden text-right md:table-cell">CTR</TableHead>
                <TableHead className="hidden text-right md:table-cell">Position</TableHead>
                <TableHead className="text-right">Visitors</TableHead>
                <TableHead className="text-right">Revenue</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.rows.map((r) => (
                <TableRow key={`${r.query}\0${r.page}`}>
                  <TableCell className="font-medium">{r.query}</TableCell>
                  <TableCell className="max-w-48 truncate font-mono text-xs" title={r.page}>{r.path}</TableCell>
                  <TableCell className="text-right tabular-nums">{r.clicks.toLocaleString()}</TableCell>
                  <TableCell className="hidden text-right tabular-nums md:table-cell">{r.impressions.toLocaleString()}</TableCell>
                  <TableCell className="hidden text-right tabular-nums md:table-cell">{pct(r.ctr)}</TableCell>
                  <TableCell className="hidden text-right tabular-nums md:table-cell">{r.position.toFixed(1)}</TableCell>
                  <TableCell className="text-right tabular-nums">{r.landingVisitors.toLocaleString()}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(r.landingRevenue, data.currency)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
