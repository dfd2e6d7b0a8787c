import type { Change, ReportRow, SiteReport } from "./build-report";
import { changeColor, esc, formatChange, money, num } from "./format";

// Mail clients load nothing from outside for us (no web fonts, no images) and
// honour CSS unevenly: layout is tables and inline styles. The one <style>
// block only improves phones in clients that keep it (Apple Mail, Gmail);
// without it the inline layout alone still fits a 375 px screen.
const INK = "#111827";
const MUTED = "#6b7280";
const LINE = "#e5e7eb";
const FONT = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
// Three cards and two gaps fit the 550 px column of a 600 px mail (less its
// border and padding), with a little slack for rounding. Narrower, the
// inline-blocks wrap one under another instead of overflowing.
const CARD = 174;
const GAP = 12;
const PHONE_CSS = `@media only screen and (max-width:480px){.tm-card{max-width:none!important;margin-right:0!important}.tm-body{padding:16px!important}}`;

function metricCard(label: string, value: string, c: Change, last: boolean) {
  // A long amount (€1,234,567.89) would not fit a card at the headline size, and figures must not wrap.
  const size = value.length > 10 ? 18 : 22;
  return `<div class="tm-card" style="display:inline-block;vertical-align:top;width:100%;max-width:${CARD}px;margin:0 ${last ? 0 : GAP}px ${GAP}px 0">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:separate"><tr><td style="padding:12px;border:1px solid ${LINE};border-radius:6px;font-family:${FONT}">
<div style="font-size:12px;line-height:16px;color:${MUTED}">${label}</div>
<div style="font-size:${size}px;line-height:30px;font-weight:600;color:${INK};white-space:nowrap">${value}</div>
<div style="font-size:12px;line-height:16px;color:${changeColor(c.change)}">${formatChange(c.change)} vs previous</div>
</td></tr></table></div>`;
}

const TH = `font-size:12px;font-weight:600;color:${MUTED};padding:6px 8px`;
const TD = `padding:6px 8px;border-top:1px solid ${LINE};font-size:13px;line-height:18px`;

function rowsTable(title: string, head: string, list: ReportRow[]) {
  if (!list.length) return `<p style="font-size:13px;color:${MUTED};margin:8px 0">${title}: no data in this period.</p>`;
  // Paths and referrers can be one long word: break them anywhere (break-all where break-word is unknown), never the figures.
  const body = list
    .map((r) => `<tr><td style="${TD};padding-left:0;color:${INK};word-break:break-all;word-break:break-word">${esc(r.value)}</td><td style="${TD};color:${INK};text-align:right;white-space:nowrap">${num(r.current)}</td><td style="${TD};padding-right:0;text-align:right;white-space:nowrap;color:${changeColor(r.change)}">${formatChange(r.change)}</td></tr>`)
    .join("");
  // Outer cells lose their side padding so the table lines up with the cards and headings.
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:8px 0 16px">
<tr><th align="left" style="${TH};padding-left:0">${title}</th><th align="right" style="${TH};white-space:nowrap">${head}</th><th align="right" style="${TH};padding-right:0">Change</th></tr>${body}</table>`;
}

function siteHtml(r: SiteReport, dashboardUrl: string) {
  const cards = [metricCard("Visitors", num(r.visitors.current), r.visitors, false), metricCard("Pageviews", num(r.pageviews.current), r.pageviews, false), metricCard("Revenue", money(r.revenue.current, r.currency), r.revenue, true)];
  return `<h2 style="font-size:18px;line-height:24px;margin:0;color:${INK}">${esc(r.name)}</h2>
<p style="font-size:13px;line-height:18px;color:${MUTED};margin:2px 0 12px;word-break:break-word">${esc(r.domain)} · ${esc(r.timezone)} time</p>
<div style="font-size:0;line-height:0">${cards.join("")}</div>
${rowsTable("Top sources", "Visitors", r.sources)}${rowsTable("Top pages", "Pageviews", r.pages)}
<p style="font-size:14px;margin:8px 0 0"><a href="${esc(dashboardUrl)}" style="color:#2563eb">Open the dashboard</a></p>`;
}

export function reportHtml(opts: { title: string; subject: string; label: string; compared: string; sites: { report: SiteReport; url: string }[]; footer: string; unsubscribeUrl: string }) {
  const sections = opts.sites.map((s) => siteHtml(s.report, s.url)).join(`<hr style="border:none;border-top:1px solid ${LINE};margin:24px 0">`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(opts.subject)}</title><style>${PHONE_CSS}</style></head>
<body style="margin:0;padding:0;background:#f9fafb;font-family:${FONT};-webkit-text-size-adjust:100%">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f9fafb"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border:1px solid ${LINE};border-radius:8px"><tr><td class="tm-body" style="padding:24px;font-family:${FONT}">
<h1 style="font-size:20px;line-height:28px;margin:0;color:${INK}">${opts.title}</h1>
<p style="font-size:14px;line-height:20px;color:${MUTED};margin:4px 0 24px">${esc(opts.label)}, ${opts.compared}.</p>
${sections}
<p style="font-size:12px;line-height:18px;color:#9ca3af;margin:32px 0 0">${opts.footer} <a href="${esc(opts.unsubscribeUrl)}" style="color:${MUTED}">Unsubscribe</a></p>
</td></tr></table></td></tr></table></body></html>`;
}
