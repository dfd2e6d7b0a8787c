import { BlockList, isIP } from "node:net";

// Where a server-side fetch made for a user must not go: this machine, the
// private networks around it and cloud metadata endpoints. Checked on the
// address the connection is made to (after DNS), so a name that resolves
// inside cannot smuggle the request in, whatever it claims to be.
const inside = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) inside.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96], ["2001:db8::", 32]] as const) inside.addSubnet(net, bits, "ipv6");

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
function unmapped(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1] : ip;
}

/** True for an address on the public internet. */
export function isPublicAddress(address: string): boolean {
  const ip = unmapped(address);
  const family = isIP(ip);
  if (!family) return false;
  return !inside.check(ip, family === 4 ? "ipv4" : "ipv6");
}

export function isLoopbackAddress(address: string): boolean {
  const ip = unmapped(address);
  const family = isIP(ip);
  return family !== 0 && LOOPBACK.check(ip, family === 4 ? "ipv4" : "ipv6");
}

/** A host name that means this machine and nothing else. */
export const isLoopbackName = (hostname: string): boolean => /^(localhost|127\.0\.0\.1|\[::1\])$/i.test(hostname);
