// The load generator's HTTP/1.1 client for npm run bench:ingest: one keep-alive
// connection, one request in flight, each request written whole in one write.
// It shares the two cores with the server it measures, and node:http's client
// spent ~150-250 µs of CPU per request there (a third of a core at 2,000
// events/s): that much less for the server, counted against it.
import net from "node:net";

const HEAD_END = "\r\n\r\n";

/** Answers of a response head: status and the headers the bench reads, lowercased. */
function parseHead(head) {
  const [statusLine, ...lines] = head.split("\r\n");
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(" ")[1]), headers };
}

/** Where a chunked body ends in `text` (from `from`), or -1 while it is incomplete. */
function chunkedEnd(text, from) {
  for (let at = from; ; ) {
    const lineEnd = text.indexOf("\r\n", at);
    if (lineEnd < 0) return -1;
    const size = parseInt(text.slice(at, lineEnd), 16);
    const next = lineEnd + 2 + size + 2;
    if (next > text.length) return -1;
    if (size === 0) return next;
    at = next;
  }
}

/** A POST request as bytes to send, made once and sent many times. */
export function postRequest(path, headers, body) {
  const lines = [`POST ${path} HTTP/1.1`, `Content-Length: ${Buffer.byteLength(body)}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join("\r\n")}${HEAD_END}${body}`;
}

export function connect(port, host = "127.0.0.1") {
  const socket = net.connect({ port, host, noDelay: true });
  socket.setEncoding("latin1");
  let pending = null;
  let received = "";
  const fail = (err) => {
    const p = pending;
    pending = null;
    p?.reject(err);
  };
  socket.on("error", fail);
  socket.on("close", () => fail(new Error("connection closed")));
  socket.on("data", (data) => {
    received += data;
    const headEnd = received.indexOf(HEAD_END);
    if (headEnd < 0 || !pending) return;
    const { status, headers } = parseHead(received.slice(0, headEnd));
    const bodyStart = headEnd + HEAD_END.length;
    const end = headers["transfer-encoding"] === "chunked" ? chunkedEnd(received, bodyStart) : bodyStart + Number(headers["content-length"] ?? 0);
    if (end < 0 || end > received.length) return;
    received = received.slice(end);
    const p = pending;
    pending = null;
    p.resolve({ status, headers });
  });
  const ready = new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  return {
    ready,
    /** Sends a request made by postRequest(); resolves with the response's status and headers. */
    send(request) {
      if (socket.destroyed) return Promise.reject(new Error("connection closed"));
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        socket.write(request);
      });
    },
    close: () => socket.destroy(),
  };
}
