import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { parseMail, type Mail } from "./mime";

/** A local SMTP server that keeps every message it accepts, parsed; `reject` makes it refuse the next ones. */
export async function startSmtp() {
  const messages: (Mail & { raw: string })[] = [];
  const state = { reject: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (state.reject) return cb(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
        const raw = Buffer.concat(chunks).toString("utf8");
        messages.push({ ...parseMail(raw), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}
