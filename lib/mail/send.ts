import { esc } from "@/lib/reports/format";
import { mailer, mailFrom } from "./transport";

export type LinkMail = { to: string; subject: string; intro: string; action?: { label: string; url: string }; outro?: string };

const FONT = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/** A short account mail: a paragraph, one button (and its URL as text, for clients that hide buttons), a closing line. */
export function renderLinkMail(m: LinkMail): { text: string; html: string } {
  const text = [m.intro, m.action ? `${m.action.label}: ${m.action.url}` : "", m.outro ?? ""].filter(Boolean).join("\n\n");
  const button = m.action
    ? `<p style="margin:24px 0"><a href="${esc(m.action.url)}" style="background:#111827;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${esc(m.action.label)}</a></p>
<p style="font-size:12px;color:#6b7280;word-break:break-all">${esc(m.action.url)}</p>`
    : "";
  const html = `<!doctype html><html><body style="margin:0;padding:24px;font-family:${FONT};color:#111827;font-size:15px;line-height:22px">
<div style="max-width:520px;margin:0 auto"><p>${esc(m.intro)}</p>${button}${m.outro ? `<p style="color:#6b7280;font-size:13px">${esc(m.outro)}</p>` : ""}</div></body></html>`;
  return { text, html };
}

/** Sends an account mail; false when no SMTP server is configured. Failures are thrown to the caller. */
export async function sendLinkMail(m: LinkMail): Promise<boolean> {
  const t = mailer();
  if (!t) return false;
  const { text, html } = renderLinkMail(m);
  await t.sendMail({ from: mailFrom(), to: m.to, subject: m.subject, text, html });
  return true;
}

/**
 * Mail that must not hold up (or, by its timing, reveal anything in) the
 * answer: sent in the background; a failure is logged, never shown.
 */
export function sendLinkMailLater(m: LinkMail, what: string): void {
  sendLinkMail(m).catch((err) => console.error(`[mail] ${what} to ${m.to} failed:`, (err as Error).message));
}
