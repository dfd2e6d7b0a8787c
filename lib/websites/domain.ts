import { domainToASCII } from "node:url";
import { ApiError } from "@/lib/http/errors";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * "https://WWW.Example.com:8080/pricing?x" -> "example.com". Scheme, port, path
 * and a leading "www." are dropped and IDNs become punycode, so one site is
 * one domain however the owner typed it (Plausible does the same).
 */
export function normalizeDomain(input: string): string {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  host = host.split(/[/?#]/)[0].replace(/:\d+$/, "").replace(/\.$/, "").replace(/^www\./, "");
  const ascii = domainToASCII(host);
  const labels = ascii.split(".");
  const valid =
    ascii.length > 0 &&
    ascii.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    /[a-z]/.test(labels[labels.length - 1]);
  if (!valid) {
    throw new ApiError(400, "invalid_domain", `"${input.slice(0, 100)}" is not a domain name like example.com`);
  }
  return ascii;
}
