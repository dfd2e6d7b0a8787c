import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { parseMail, type Mail } from "./mime";

type Received = Mail & { raw: string };

/**
 * A local SMTP server that keeps every message it accepts, parsed; `reject`
 * makes it refuse the next ones. Pass `into` to collect into lists made
 * before the server starts (see useSmtp).
 */
export async function startSmtp(into: { messages?: Received[]; state?: { reject: boolean } } = {}) {
  const messages = into.messages ?? [];
  const state = into.state ?? { reject: false };
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

/** A server for the whole test file, as the SMTP_URL that lib/reports mails through. */
export function useSmtp() {
  const box = { messages: [] as Received[], state: { reject: false } };
  let server: Awaited<ReturnType<typeof startSmtp>> | undefined;
  beforeAll(async () => {
    server = await startSmtp(box);
    process.env.SMTP_URL = server.url;
  });
  afterAll(() => server?.close());
  return box;
}
