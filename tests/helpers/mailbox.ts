// Reading the local SMTP server's mail in tests: the next message to an address, and the link in it.
import { eventually } from "./eventually";
import type { startSmtp } from "./smtp";

type Box = Awaited<ReturnType<typeof startSmtp>>;
export type Received = Box["messages"][number];

/** The first message to `to` after the first `after` messages, waited for (mail goes out in the background). */
export function nextMail(box: { messages: Received[] }, to: string, after: number, subject?: RegExp): Promise<Received> {
  return eventually(async () => {
    const m = box.messages.slice(after).find((x) => x.to === to && (!subject || subject.test(x.subject)));
    if (!m) throw new Error(`no mail to ${to} yet`);
    return m;
  });
}

/** The first URL of the mail's text that starts with `prefix`. */
export function linkIn(mail: Received, prefix: string): string {
  const url = mail.text.split(/\s+/).find((w) => w.startsWith(prefix));
  if (!url) throw new Error(`no ${prefix} link in: ${mail.text}`);
  return url;
}
