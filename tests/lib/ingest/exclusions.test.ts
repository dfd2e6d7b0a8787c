import { describe, expect, it } from "vitest";
import { checkExclusions, globToRegExp, hostnameAllowed, hostnameMatches, ipExcluded, pathExcluded, privacySignal } from "@/lib/ingest/exclusions";

describe("ipExcluded", () => {
  const list = ["203.0.113.7", "10.0.0.0/8", "192.168.1.0/24", "2001:db8::/32", "2a00:1450:4001:81c::200e", "100.64.0.0/10"];

  it.each([
    ["203.0.113.7", true],
    ["203.0.113.8", false],
    ["10.0.0.1", true],
    ["10.255.255.255", true],
    ["11.0.0.1", false],
    ["192.168.1.200", true],
    ["192.168.2.1", false],
    ["100.127.255.255", true],
    ["100.128.0.0", false],
    ["2001:db8::1", true],
    ["2001:db8:ffff:ffff::1", true],
    ["2001:db9::1", false],
    ["2a00:1450:4001:81c::200e", true],
    ["2a00:1450:4001:81c::200f", false],
    ["::1", false],
  ])("%s excluded: %s", (ip, expected) => {
    expect(ipExcluded(ip, list)).toBe(expected);
  });

  it("matches an IPv4 rule against the IPv4-mapped IPv6 form", () => {
    expect(ipExcluded("::ffff:10.1.2.3", ["10.0.0.0/8"])).toBe(true);
  });

  it("handles a single-host CIDR and an everything range", () => {
    expect(ipExcluded("8.8.8.8", ["8.8.8.8/32"])).toBe(true);
    expect(ipExcluded("8.8.8.9", ["8.8.8.8/32"])).toBe(false);
    expect(ipExcluded("1.2.3.4", ["0.0.0.0/0"])).toBe(true);
    expect(ipExcluded("2606:4700::1111", ["::/0"])).toBe(true);
  });

  it("skips entries it cannot read instead of failing", () => {
    expect(ipExcluded("1.2.3.4", ["nonsense", "1.2.3.4/99", "1.2.3.4"])).toBe(true);
    expect(ipExcluded("1.2.3.5", ["nonsense", "1.2.3.4/99"])).toBe(false);
  });

  it("never excludes an unknown IP or an empty list", () => {
    expect(ipExcluded(null, list)).toBe(false);
    expect(ipExcluded("1.2.3.4", [])).toBe(false);
    expect(ipExcluded("garbage", list)).toBe(false);
  });
});

describe("path globs", () => {
  it.each([
    ["/admin/**", "/admin", true],
    ["/admin/**", "/admin/users", true],
    ["/admin/**", "/admin/users/42/edit", true],
    ["/admin/**", "/administrator", false],
    ["/admin/**", "/blog/admin", false],
    ["/preview/*", "/preview/abc", true],
    ["/preview/*", "/preview/abc/def", false],
    ["/preview/*", "/preview", false],
    ["/blog/*/edit", "/blog/hello/edit", true],
    ["/blog/*/edit", "/blog/a/b/edit", false],
    ["/blog/**/edit", "/blog/a/b/edit", true],
    ["/*.php", "/wp-login.php", true],
    ["/*.php", "/dir/wp-login.php", false],
    ["/**.php", "/dir/wp-login.php", true],
    ["/checkout", "/checkout", true],
    ["/checkout", "/checkout/success", false],
    ["/checkout/", "/checkout", true],
    ["/search(1)", "/search(1)", true],
    ["/a.b", "/aXb", false],
    ["/**", "/anything/at/all", true],
    ["/app#/settings/**", "/app#/settings/billing", true],
  ])("%s matches %s: %s", (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });

  it("pathExcluded is true when any glob matches", () => {
    expect(pathExcluded("/preview/x", ["/admin/**", "/preview/*"])).toBe(true);
    expect(pathExcluded("/pricing", ["/admin/**", "/preview/*"])).toBe(false);
  });
});

describe("hostnameMatches", () => {
  it.each([
    ["staging.example.com", "staging.example.com", true],
    ["Staging.Example.com", "staging.example.com", true],
    ["staging.example.com.", "staging.example.com", true],
    ["example.com", "staging.example.com", false],
    ["a.example.com", "*.example.com", true],
    ["a.b.example.com", "*.example.com", true],
    ["example.com", "*.example.com", false],
    ["badexample.com", "*.example.com", false],
  ])("%s vs %s: %s", (host, pattern, expected) => {
    expect(hostnameMatches(host, pattern)).toBe(expected);
  });
});

describe("checkExclusions", () => {
  const event = { hostname: "example.com", path: "/pricing", country: "DE" };

  it("keeps an event no rule covers", () => {
    expect(checkExclusions(event, "81.2.69.142", {})).toBeNull();
    expect(checkExclusions(event, "81.2.69.142", { excludeIps: ["10.0.0.0/8"], excludeCountries: ["FR"], excludeHostnames: ["staging.example.com"], excludePaths: ["/admin/**"] })).toBeNull();
  });

  it("names the rule that dropped the event", () => {
    expect(checkExclusions(event, "81.2.69.142", { excludeIps: ["81.2.69.0/24"] })).toBe("excluded_ip");
    expect(checkExclusions(event, "81.2.69.142", { excludeCountries: ["de"] })).toBe("excluded_country");
    expect(checkExclusions({ ...event, hostname: "preview-42.example.com" }, null, { excludeHostnames: ["*.example.com"] })).toBe("excluded_hostname");
    expect(checkExclusions({ ...event, path: "/admin/users" }, null, { excludePaths: ["/admin/**"] })).toBe("excluded_path");
  });

  it("does not exclude by country when the country is unknown", () => {
    expect(checkExclusions({ hostname: "example.com", path: "/" }, null, { excludeCountries: ["US"] })).toBeNull();
  });
});

describe("hostnameAllowed", () => {
  it.each([
    ["example.com", "example.com", [], true],
    ["www.example.com", "example.com", [], true],
    ["blog.example.com", "example.com", [], true],
    ["EXAMPLE.COM.", "example.com", [], true],
    ["example.com", "www.example.com", [], true],
    ["notexample.com", "example.com", [], false],
    ["example.com.evil.io", "example.com", [], false],
    ["scraper-copy.net", "example.com", [], false],
    ["example.webflow.io", "example.com", ["example.webflow.io"], true],
    ["pr-12.vercel.app", "example.com", ["*.vercel.app"], true],
    ["vercel.app", "example.com", ["*.vercel.app"], false],
    ["localhost", "example.com", [], false],
    ["app.localhost", "example.com", [], false],
    ["127.0.0.1", "example.com", [], false],
    ["[::1]", "example.com", [], false],
    ["localhost", "example.com", ["localhost"], true],
    ["127.0.0.1", "example.com", ["127.0.0.1"], true],
    ["", "example.com", [], false],
  ] as const)("%s on %s with %j: %s", (host, domain, allowed, expected) => {
    expect(hostnameAllowed(host, domain, allowed)).toBe(expected);
  });
});

describe("privacySignal", () => {
  it("drops on DNT: 1 or Sec-GPC: 1 only when the site respects them", () => {
    expect(privacySignal(new Headers({ dnt: "1" }), { respectDnt: true })).toBe("dnt");
    expect(privacySignal(new Headers({ "sec-gpc": "1" }), { respectDnt: true })).toBe("dnt");
    expect(privacySignal(new Headers({ dnt: "0" }), { respectDnt: true })).toBeNull();
    expect(privacySignal(new Headers(), { respectDnt: true })).toBeNull();
    expect(privacySignal(new Headers({ dnt: "1", "sec-gpc": "1" }), { respectDnt: false })).toBeNull();
    expect(privacySignal(new Headers({ dnt: "1" }), {})).toBeNull();
  });
});
