import net from "node:net";
import { freshDatabaseUri } from "./app";

/**
 * A TCP relay in front of the store: `cut()` closes every connection and stops
 * listening (the app sees the store vanish, as when its host goes down),
 * `restore()` listens again on the same port. No driver or model is faked.
 */
export async function tcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on("close", () => sockets.delete(sock));
          sock.on("error", () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => resolve((s.address() as net.AddressInfo).port));
      server = s;
    });
  const port = await listen(0);
  return {
    port,
    async cut() {
      const s = server;
      server = null;
      for (const sock of sockets) sock.destroy();
      await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
    },
    async restore() {
      await listen(port);
    },
    async close() {
      await this.cut();
    },
  };
}

/** A fresh database on the run's store, and its URI through a relay in front of the store (to cut). */
export async function databaseBehindProxy(label: string) {
  const direct = new URL(freshDatabaseUri(label));
  const proxy = await tcpProxy({ host: direct.hostname, port: Number(direct.port) });
  const viaProxy = new URL(direct);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  return { direct: direct.toString(), viaProxy: viaProxy.toString(), proxy };
}
