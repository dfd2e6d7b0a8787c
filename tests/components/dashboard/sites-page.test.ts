import { describe, expect, it } from "vitest";
import { sitesHref, sitesPage } from "@/components/dashboard/sites-page";
import type { WebsiteDTO } from "@/lib/websites/types";

const site = (i: number) => ({ id: `s${i}`, name: i % 2 ? `Shop ${i}` : `Blog ${i}`, domain: `site${i}.example.com` }) as WebsiteDTO;
const sites = Array.from({ length: 30 }, (_, i) => site(i + 1));
const ids = (xs: WebsiteDTO[]) => xs.map((s) => s.id);

describe("sitesPage", () => {
  it("cuts the list into pages in the given order", () => {
    const first = sitesPage(sites, {}, 12);
    expect(ids(first.sites)).toEqual(ids(sites.slice(0, 12)));
    expect(first).toMatchObject({ page: 1, pages: 3, first: 0, matched: 30, total: 30, q: "" });
    const last = sitesPage(sites, { page: "3" }, 12);
    expect(ids(last.sites)).toEqual(["s25", "s26", "s27", "s28", "s29", "s30"]);
    expect(last.first).toBe(24);
  });

  it("shows the last page past the end and the first for anything else", () => {
    expect(sitesPage(sites, { page: "9" }, 12).page).toBe(3);
    for (const page of ["0", "-1", "1.5", "two", ""]) expect(sitesPage(sites, { page }, 12).page).toBe(1);
  });

  it("finds sites by name or domain, ignoring case, and pages the matches", () => {
    const shops = sitesPage(sites, { q: "  SHOP " }, 10);
    expect(shops).toMatchObject({ matched: 15, total: 30, pages: 2, q: "SHOP" });
    expect(shops.sites.every((s) => s.name.startsWith("Shop"))).toBe(true);
    expect(ids(sitesPage(sites, { q: "site2" }, 10).sites)).toEqual(["s2", "s20", "s21", "s22", "s23", "s24", "s25", "s26", "s27", "s28"]);
    const none = sitesPage(sites, { q: "nothing" }, 10);
    expect(none).toMatchObject({ sites: [], matched: 0, page: 1, pages: 1 });
  });

  it("has one page for an empty list", () => {
    expect(sitesPage([], {})).toMatchObject({ sites: [], page: 1, pages: 1, total: 0 });
  });
});

describe("sitesHref", () => {
  it("leaves the defaults out and keeps the rest", () => {
    expect(sitesHref({ days: 30, q: "", page: 1 })).toBe("/dashboard");
    expect(sitesHref({ days: 7, q: "a b&c", page: 3 })).toBe("/dashboard?days=7&q=a+b%26c&page=3");
  });
});
