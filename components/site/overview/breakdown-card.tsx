import type { Row } from "@/lib/stats/get-site-summary";
import { formatNumber } from "@/components/format";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** A top-N list with a bar behind each row sized against the leader, as in Plausible. */
export function BreakdownCard({
  title,
  column,
  rows,
  renderLabel,
}: {
  title: string;
  column: string;
  rows: Row[];
  renderLabel: (value: string) => React.ReactNode;
}) {
  const max = Math.max(1, ...rows.map((r) => r.visitors));
  return (
    <Card className="gap-2 pb-3">
      <CardHeader>
        <CardTitle className="text-base">{title}</CardTitle>
      </CardHeader>
      <CardContent className="px-3">
        {rows.length === 0 ? (
          <p className="px-2 py-6 text-center text-sm text-muted-foreground">No data for this period</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>{column}</TableHead>
                <TableHead className="w-20 text-right">Visitors</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.value} className="border-0 hover:bg-transparent">
                  <TableCell className="relative py-1.5">
                    <div
                      className="absolute inset-y-0.5 left-0 rounded-sm bg-brand-soft"
                      style={{ width: `${(row.visitors / max) * 100}%` }}
                      aria-hidden="true"
                    />
                    <div className="relative px-1.5">{renderLabel(row.value)}</div>
                  </TableCell>
                  <TableCell className="py-1.5 text-right font-medium tabular-nums">{formatNumber(row.visitors)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
