// Just enough MIME to read what nodemailer sends: headers (unfolded, RFC 2047
// words decoded), multipart/alternative parts, quoted-printable and base64.

export type Mail = { headers: Map<string, string>; subject: string; from: string; to: string; text: string; html: string };

function splitHead(raw: string): [Map<string, string>, string] {
  const i = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, i).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const c = line.indexOf(":");
    if (c > 0) headers.set(line.slice(0, c).toLowerCase(), line.slice(c + 1).trim());
  }
  return [headers, raw.slice(i + 4)];
}

const qp = (s: string) => Buffer.from(s.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");

export const decodeWords = (s: string) =>
  s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : qp(text.replace(/_/g, " ")),
  );

function body(headers: Map<string, string>, content: string): string {
  const enc = (headers.get("content-transfer-encoding") ?? "").toLowerCase();
  if (enc === "quoted-printable") return qp(content);
  if (enc === "base64") return Buffer.from(content.replace(/\s+/g, ""), "base64").toString("utf8");
  return content;
}

export function parseMail(raw: string): Mail {
  const [headers, rest] = splitHead(raw);
  const parts: { type: string; value: string }[] = [];
  const walk = (h: Map<string, string>, content: string) => {
    const type = h.get("content-type") ?? "text/plain";
    const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
    if (!boundary) return void parts.push({ type: type.split(";")[0].toLowerCase(), value: body(h, content) });
    for (const chunk of content.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const [ph, pb] = splitHead(chunk.replace(/^\r\n/, ""));
      walk(ph, pb.replace(/\r\n$/, ""));
    }
  };
  walk(headers, rest);
  return {
    headers,
    subject: decodeWords(headers.get("subject") ?? ""),
    from: headers.get("from") ?? "",
    to: headers.get("to") ?? "",
    text: (parts.find((p) => p.type === "text/plain")?.value ?? "").replace(/\r\n/g, "\n"),
    html: parts.find((p) => p.type === "text/html")?.value ?? "",
  };
}
