import type { FunnelReport } from "@/lib/stats/get-funnel-report";
import { formatMoney, formatNumber, formatPercent } from "@/components/format";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export function FunnelTable({ report }: { report: FunnelReport }) {
  return (
    <div className="overflow-x-auto">
      <Table>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Step</TableHead>
            <TableHead className="text-right">Visitors</TableHead>
            <TableHead className="text-right">Drop-off</TableHead>
            <TableHead className="text-right">Conversion</TableHead>
            <TableHead className="text-right">Revenue</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.steps.map((s, i) => (
            <TableRow key={i}>
              <TableCell className="max-w-56">
                <div className="truncate font-medium">{i + 1}. {s.name}</div>
                {s.name !== s.value ? <div className="truncate font-mono text-xs text-muted-foreground">{s.value}</div> : null}
                <div className="text-xs text-muted-foreground">{s.type === "page" ? "page" : "goal"}</div>
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatNumber(s.visitors)}</TableCell>
              <TableCell className="text-right tabular-nums">
                {i === 0 ? "—" : <>{formatNumber(s.dropoff)} <span className="text-muted-foreground">({formatPercent(s.dropoffRate)})</span></>}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatPercent(s.conversionRate)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatMoney(s.revenue, report.currency)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
