import type { Change, ReportRow, SiteReport } from "./build-report";
import { formatChange, money, num } from "./format";
import type { ReportPeriod } from "./period";
import { reportHtml } from "./render-html";

export type RenderedReport = { subject: string; html: string; text: string };

function siteText(r: SiteReport, dashboardUrl: string) {
  const line = (label: string, value: string, c: Change) => `  ${label}: ${value} (${formatChange(c.change)} vs previous)`;
  const list = (title: string, rows: ReportRow[]) =>
    rows.length ? [`  ${title}:`, ...rows.map((x) => `    - ${x.value}: ${num(x.current)} (${formatChange(x.change)})`)] : [`  ${title}: no data in this period.`];
  return [
    `${r.name} (${r.domain}, ${r.timezone} time)`,
    line("Visitors", num(r.visitors.current), r.visitors),
    line("Pageviews", num(r.pageviews.current), r.pageviews),
    line("Revenue", money(r.revenue.current, r.currency), r.revenue),
    ...list("Top sources", r.sources),
    ...list("Top pages", r.pages),
    `  Dashboard: ${dashboardUrl}`,
  ].join("\n");
}

export function renderReport(opts: { period: ReportPeriod; sites: SiteReport[]; origin: string; unsubscribeUrl: string; userName?: string }): RenderedReport {
  const { period, sites, origin, unsubscribeUrl } = opts;
  const title = `${period.kind === "weekly" ? "Weekly" : "Monthly"} report`;
  const subject = `Trailmark ${title.toLowerCase()}: ${period.label}`;
  const compared = `compared with the ${period.kind === "weekly" ? "week" : "month"} before`;
  const dash = (id: string) => `${origin}/dashboard/${id}`;
  const html = reportHtml({
    title,
    subject,
    label: period.label,
    compared,
    sites: sites.map((report) => ({ report, url: dash(report.websiteId) })),
    footer: `You receive this because ${period.kind} reports are on in your Trailmark settings.`,
    unsubscribeUrl,
  });
  const text = [
    `Trailmark ${title.toLowerCase()} — ${period.label}`,
    `${compared[0].toUpperCase()}${compared.slice(1)}.`,
    "",
    ...sites.map((s) => siteText(s, dash(s.websiteId)) + "\n"),
    `Unsubscribe: ${unsubscribeUrl}`,
  ].join("\n");
  return { subject, html, text };
}
