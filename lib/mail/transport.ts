import nodemailer, { type Transporter } from "nodemailer";

let transport: { url: string; t: Transporter } | undefined;

/** SMTP_URL, e.g. smtps://user:pass@smtp.example.com:465; unset means no mail can be sent. */
export function mailer(): Transporter | null {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  if (transport?.url !== url) transport = { url, t: nodemailer.createTransport(url) };
  return transport.t;
}

export const mailFrom = () => process.env.SMTP_FROM || "Trailmark <reports@localhost>";

/** Where links in mail point: the deployment's public origin (NEXTAUTH_URL). */
export const appOrigin = () => (process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : "http://localhost:3000");
