import type { Change, ReportRow, SiteReport } from "./build-report";
import type { ReportPeriod } from "./period";

export type RenderedReport = { subject: string; html: string; text: string };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const num = (n: number) => n.toLocaleString("en-US");
const money = (minor: number, currency: string) => {
  try {
    return (minor / 100).toLocaleString("en-US", { style: "currency", currency });
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
};
/** "+12%", "-3%", "new" (nothing before), "0%". */
export const formatChange = (c: number | null) => (c === null ? "new" : `${c > 0 ? "+" : ""}${Math.round(c * 100)}%`);
const changeColor = (c: number | null) => (c === null || c > 0 ? "#15803d" : c < 0 ? "#b91c1c" : "#6b7280");

// Mail clients ignore <style> and flexbox unevenly: tables and inline styles only.
function metricCell(label: string, value: string, c: Change) {
  return `<td style="padding:12px;border:1px solid #e5e7eb;border-radius:6px;width:33%;vertical-align:top">
<div style="font-size:12px;color:#6b7280">${label}</div>
<div style="font-size:22px;font-weight:600;color:#111827">${value}</div>
<div style="font-size:12px;color:${changeColor(c.change)}">${formatChange(c.change)} vs previous</div></td>`;
}

function tableHtml(title: string, head: string, list: ReportRow[]) {
  if (!list.length) return `<p style="font-size:13px;color:#6b7280;margin:8px 0">${title}: no data in this period.</p>`;
  const body = list
    .map((r) => `<tr><td style="padding:6px 8px;border-top:1px solid #e5e7eb;font-size:13px;word-break:break-all">${esc(r.value)}</td><td style="padding:6px 8px;border-top:1px solid #e5e7eb;font-size:13px;text-align:right">${num(r.current)}</td><td style="padding:6px 8px;border-top:1px solid #e5e7eb;font-size:13px;text-align:right;color:${changeColor(r.change)}">${formatChange(r.change)}</td></tr>`)
    .join("");
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:12px 0">
<tr><th align="left" style="font-size:12px;color:#6b7280;padding:6px 8px">${title}</th><th align="right" style="font-size:12px;color:#6b7280;padding:6px 8px">${head}</th><th align="right" style="font-size:12px;color:#6b7280;padding:6px 8px">Change</th></tr>${body}</table>`;
}

function siteHtml(r: SiteReport, dashboardUrl: string) {
  return `<h2 style="font-size:18px;margin:24px 0 4px;color:#111827">${esc(r.name)} <span style="font-size:13px;color:#6b7280;font-weight:400">${esc(r.domain)} · ${esc(r.timezone)} time</span></h2>
<table role="presentation" width="100%" cellpadding="0" cellspacing="8" style="border-collapse:separate"><tr>
${metricCell("Visitors", num(r.visitors.current), r.visitors)}${metricCell("Pageviews", num(r.pageviews.current), r.pageviews)}${metricCell("Revenue", money(r.revenue.current, r.currency), r.revenue)}
</tr></table>
${tableHtml("Top sources", "Visitors", r.sources)}${tableHtml("Top pages", "Pageviews", r.pages)}
<p style="font-size:13px"><a href="${esc(dashboardUrl)}" style="color:#2563eb">Open the dashboard</a></p>`;
}

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
  const dash = (id: string) => `${origin}/dashboard/${id}`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:0;background:#f9fafb;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border:1px solid #e5e7eb;border-radius:8px"><tr><td style="padding:24px">
<h1 style="font-size:20px;margin:0;color:#111827">${title}</h1>
<p style="font-size:14px;color:#6b7280;margin:4px 0 0">${esc(period.label)}, compared with the ${period.kind === "weekly" ? "week" : "month"} before.</p>
${sites.map((s) => siteHtml(s, dash(s.websiteId))).join("<hr style=\"border:none;border-top:1px solid #e5e7eb;margin:24px 0\">")}
<p style="font-size:12px;color:#9ca3af;margin-top:32px">You receive this because ${period.kind} reports are on in your Trailmark settings. <a href="${esc(unsubscribeUrl)}" style="color:#6b7280">Unsubscribe</a></p>
</td></tr></table></td></tr></table></body></html>`;
  const text = [
    `Trailmark ${title.toLowerCase()} — ${period.label}`,
    `Compared with the ${period.kind === "weekly" ? "week" : "month"} before.`,
    "",
    ...sites.map((s) => siteText(s, dash(s.websiteId)) + "\n"),
    `Unsubscribe: ${unsubscribeUrl}`,
  ].join("\n");
  return { subject, html, text };
}
