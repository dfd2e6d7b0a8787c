import type { NextRequest } from "next/server";
import { unsubscribe } from "@/lib/reports/preferences";
import { verifyUnsubscribe } from "@/lib/reports/unsubscribe";

const page = (title: string, body: string, status = 200) =>
  new Response(
    `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#111827"><h1 style="font-size:1.25rem">${title}</h1>${body}</body></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } },
  );

function read(req: NextRequest) {
  const q = req.nextUrl.searchParams;
  const userId = q.get("u") ?? "";
  const kind = q.get("k") ?? "";
  return { userId, kind, valid: /^[a-f0-9]{24}$/.test(userId) && verifyUnsubscribe(userId, kind, q.get("t") ?? "") };
}

/**
 * GET only asks (mail scanners follow links; a GET must not unsubscribe);
 * POST unsubscribes: the confirmation form, or a mail client's RFC 8058
 * one-click. The signed link is the credential, so no session or Origin is needed.
 */
export async function GET(req: NextRequest) {
  const { kind, valid } = read(req);
  if (!valid) return page("Invalid link", "<p>This unsubscribe link is not valid. Change email reports in your Trailmark settings.</p>", 400);
  return page(
    `Unsubscribe from ${kind} reports?`,
    `<form method="post" action="${req.nextUrl.pathname}${req.nextUrl.search.replace(/"/g, "")}"><button type="submit" style="padding:.5rem 1rem">Unsubscribe</button></form>`,
  );
}

export async function POST(req: NextRequest) {
  const { userId, kind, valid } = read(req);
  if (!valid) return page("Invalid link", "<p>This unsubscribe link is not valid.</p>", 400);
  await unsubscribe(userId, kind as "weekly" | "monthly");
  return page("Unsubscribed", `<p>You will no longer receive ${kind} reports. You can turn them on again in settings.</p>`);
}
