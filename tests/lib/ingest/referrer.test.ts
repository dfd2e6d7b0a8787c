import { describe, expect, it } from "vitest";
import { classifySource, type Source } from "@/lib/ingest/referrer";
import { kindOfHost, kindOfSourceValue } from "@/lib/ingest/sources";
import type { Channel } from "@/lib/ingest/types";

const SITE = "example.com";
const page = (query = "") => `https://example.com/pricing${query}`;

// [case, referrer, page query, expected channel, expected referrerDomain]
const CASES: [string, string | undefined, string, Channel, string | undefined][] = [
  // Direct
  ["no referrer, no tags", undefined, "", "Direct", undefined],
  ["empty referrer", "", "", "Direct", undefined],
  ["about:blank", "about:blank", "", "Direct", undefined],
  ["a campaign name alone", undefined, "?utm_campaign=spring", "Direct", undefined],
  // Organic Search
  ["Google", "https://www.google.com/", "", "Organic Search", "google.com"],
  ["Google UK", "https://www.google.co.uk/", "", "Organic Search", "google.co.uk"],
  ["Google Brazil", "https://www.google.com.br/", "", "Organic Search", "google.com.br"],
  ["Bing", "https://www.bing.com/", "", "Organic Search", "bing.com"],
  ["Bing China", "https://cn.bing.com/search?q=x", "", "Organic Search", "cn.bing.com"],
  ["DuckDuckGo", "https://duckduckgo.com/", "", "Organic Search", "duckduckgo.com"],
  ["Yahoo", "https://search.yahoo.com/", "", "Organic Search", "search.yahoo.com"],
  ["Yahoo redirect", "https://r.search.yahoo.com/_ylt=abc/RU=https%3a%2f%2fexample.com/", "", "Organic Search", "r.search.yahoo.com"],
  ["Yandex", "https://yandex.ru/", "", "Organic Search", "yandex.ru"],
  ["Baidu", "https://www.baidu.com/link?url=abc", "", "Organic Search", "baidu.com"],
  ["Ecosia", "https://www.ecosia.org/", "", "Organic Search", "ecosia.org"],
  ["Brave Search", "https://search.brave.com/", "", "Organic Search", "search.brave.com"],
  ["Startpage", "https://www.startpage.com/", "", "Organic Search", "startpage.com"],
  ["Kagi", "https://kagi.com/", "", "Organic Search", "kagi.com"],
  ["Google app on Android", "android-app://com.google.android.googlequicksearchbox/", "", "Organic Search", "google.com"],
  ["utm_medium=organic", undefined, "?utm_source=partner&utm_medium=organic", "Organic Search", undefined],
  // Paid Search
  ["gclid from Google", "https://www.google.com/", "?gclid=Cj0KCQjw", "Paid Search", "google.com"],
  ["gbraid (iOS) without referrer", undefined, "?gbraid=0AAAAAD", "Paid Search", undefined],
  ["msclkid from Bing", "https://www.bing.com/", "?msclkid=abc123", "Paid Search", "bing.com"],
  ["utm cpc on Google", "https://www.google.com/", "?utm_source=google&utm_medium=cpc&utm_campaign=brand", "Paid Search", "google.com"],
  ["utm ppc", undefined, "?utm_source=bing&utm_medium=ppc", "Paid Search", undefined],
  ["utm paidsearch", undefined, "?utm_source=google&utm_medium=paidsearch", "Paid Search", undefined],
  ["Google display ad click", "https://googleads.g.doubleclick.net/", "", "Paid Search", "googleads.g.doubleclick.net"],
  // Organic Social
  ["t.co", "https://t.co/", "", "Organic Social", "t.co"],
  ["x.com", "https://x.com/", "", "Organic Social", "x.com"],
  ["l.facebook.com", "https://l.facebook.com/", "", "Organic Social", "l.facebook.com"],
  ["m.facebook.com", "https://m.facebook.com/", "", "Organic Social", "m.facebook.com"],
  ["fbclid without referrer (organic post, in-app browser)", undefined, "?fbclid=IwAR0abc", "Organic Social", undefined],
  ["fbclid with l.facebook.com", "https://l.facebook.com/", "?fbclid=IwAR0abc", "Organic Social", "l.facebook.com"],
  ["Instagram", "https://l.instagram.com/", "", "Organic Social", "l.instagram.com"],
  ["LinkedIn", "https://www.linkedin.com/", "", "Organic Social", "linkedin.com"],
  ["lnkd.in", "https://lnkd.in/", "", "Organic Social", "lnkd.in"],
  ["Reddit", "https://www.reddit.com/r/webdev/comments/abc/", "", "Organic Social", "reddit.com"],
  ["old Reddit", "https://old.reddit.com/", "", "Organic Social", "old.reddit.com"],
  ["Hacker News", "https://news.ycombinator.com/", "", "Organic Social", "news.ycombinator.com"],
  ["YouTube", "https://www.youtube.com/", "", "Organic Social", "youtube.com"],
  ["TikTok", "https://www.tiktok.com/", "", "Organic Social", "tiktok.com"],
  ["Pinterest UK", "https://uk.pinterest.com/", "", "Organic Social", "uk.pinterest.com"],
  ["Mastodon", "https://mastodon.social/", "", "Organic Social", "mastodon.social"],
  ["self-hosted Mastodon", "https://mastodon.example.org/", "", "Organic Social", "mastodon.example.org"],
  ["Threads", "https://www.threads.net/", "", "Organic Social", "threads.net"],
  ["Bluesky", "https://bsky.app/", "", "Organic Social", "bsky.app"],
  ["LinkedIn Android app", "android-app://com.linkedin.android/", "", "Organic Social", "linkedin.com"],
  ["utm_medium=social", undefined, "?utm_source=newsletterless&utm_medium=social", "Organic Social", undefined],
  ["utm_source=twitter, no medium", undefined, "?utm_source=twitter", "Organic Social", undefined],
  ["?ref=producthunt", undefined, "?ref=producthunt", "Organic Social", undefined],
  // Paid Social
  ["utm paid on Facebook", "https://l.facebook.com/", "?utm_source=facebook&utm_medium=cpc&fbclid=x", "Paid Social", "l.facebook.com"],
  ["utm paid_social", undefined, "?utm_source=meta&utm_medium=paid_social", "Paid Social", undefined],
  ["utm paid on LinkedIn", undefined, "?utm_source=linkedin&utm_medium=paid", "Paid Social", undefined],
  ["TikTok ads click id", undefined, "?ttclid=E.C.P.abc", "Paid Social", undefined],
  ["X ads click id", "https://t.co/", "?twclid=2-abc", "Paid Social", "t.co"],
  ["LinkedIn ads click id", undefined, "?li_fat_id=abc-123", "Paid Social", undefined],
  // Email
  ["utm_medium=email", undefined, "?utm_source=mailchimp&utm_medium=email&utm_campaign=launch", "Email", undefined],
  ["utm_medium=newsletter", undefined, "?utm_source=weekly&utm_medium=newsletter", "Email", undefined],
  ["utm_source=newsletter only", undefined, "?utm_source=newsletter", "Email", undefined],
  ["Gmail web", "https://mail.google.com/", "", "Email", "mail.google.com"],
  ["Outlook web", "https://outlook.live.com/", "", "Email", "outlook.live.com"],
  ["Gmail Android app", "android-app://com.google.android.gm/", "", "Email", "mail.google.com"],
  ["corporate webmail", "https://webmail.acme-isp.net/", "", "Email", "webmail.acme-isp.net"],
  // AI
  ["ChatGPT", "https://chatgpt.com/", "", "AI", "chatgpt.com"],
  ["ChatGPT (old host)", "https://chat.openai.com/", "", "AI", "chat.openai.com"],
  ["ChatGPT search utm tag, no referrer", undefined, "?utm_source=chatgpt.com", "AI", undefined],
  ["Perplexity", "https://www.perplexity.ai/", "", "AI", "perplexity.ai"],
  ["Claude", "https://claude.ai/", "", "AI", "claude.ai"],
  ["Gemini (not Google Search)", "https://gemini.google.com/", "", "AI", "gemini.google.com"],
  ["Copilot", "https://copilot.microsoft.com/", "", "AI", "copilot.microsoft.com"],
  ["DeepSeek", "https://chat.deepseek.com/", "", "AI", "chat.deepseek.com"],
  ["utm_source=perplexity", undefined, "?utm_source=perplexity", "AI", undefined],
  // Referral
  ["a blog", "https://blog.someone.dev/posts/best-tools", "", "Referral", "blog.someone.dev"],
  ["GitHub", "https://github.com/owner/repo", "", "Referral", "github.com"],
  ["Yahoo homepage (not search)", "https://www.yahoo.com/", "", "Referral", "yahoo.com"],
  ["Google Docs (not search)", "https://docs.google.com/document/d/abc/edit", "", "Referral", "docs.google.com"],
  ["unknown utm_source", undefined, "?utm_source=partner-site", "Referral", undefined],
  ["unknown medium only", undefined, "?utm_medium=qr", "Referral", undefined],
  ["?via=affiliate", undefined, "?via=jane", "Referral", undefined],
  ["an unknown Android app", "android-app://com.example.reader/", "", "Referral", "com.example.reader"],
];

describe("classifySource channels", () => {
  it("covers every channel with many real referrers", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c[3])).size).toBe(8);
  });

  it.each(CASES)("%s", (_label, referrer, query, channel, referrerDomain) => {
    const s = classifySource({ referrer, url: page(query), ownHostname: SITE });
    expect(s.channel).toBe(channel);
    expect(s.referrerDomain).toBe(referrerDomain);
  });
});

describe("classifySource fields", () => {
  it("reads all five UTM tags, decoded and trimmed", () => {
    const s = classifySource({
      referrer: "https://www.google.com/",
      url: page("?utm_source=google&utm_medium=cpc&utm_campaign=Spring+Sale%202026&utm_term=%20analytics%20tool%20&utm_content=ad-b"),
      ownHostname: SITE,
    });
    expect(s).toEqual<Source>({
      referrer: "https://www.google.com",
      referrerDomain: "google.com",
      channel: "Paid Search",
      utmSource: "google",
      utmMedium: "cpc",
      utmCampaign: "Spring Sale 2026",
      utmTerm: "analytics tool",
      utmContent: "ad-b",
    });
  });

  it("uses ref, source or via as the source only when utm_source is absent", () => {
    expect(classifySource({ url: page("?ref=hn"), ownHostname: SITE }).utmSource).toBe("hn");
    expect(classifySource({ url: page("?source=podcast"), ownHostname: SITE }).utmSource).toBe("podcast");
    expect(classifySource({ url: page("?via=jane"), ownHostname: SITE }).utmSource).toBe("jane");
    expect(classifySource({ url: page("?utm_source=google&ref=hn"), ownHostname: SITE }).utmSource).toBe("google");
    expect(classifySource({ url: page("?utm_source=&ref=hn"), ownHostname: SITE }).utmSource).toBe("hn");
  });

  it("caps UTM values at 255 characters", () => {
    expect(classifySource({ url: page(`?utm_campaign=${"c".repeat(400)}`), ownHostname: SITE }).utmCampaign).toHaveLength(255);
  });

  it("stores the referrer without query or fragment, and strips www. from its domain", () => {
    const s = classifySource({ referrer: "https://www.Reddit.com/r/webdev/comments/abc/?utm_name=x&share_id=secret#c1", url: page(), ownHostname: SITE });
    expect(s.referrer).toBe("https://www.reddit.com/r/webdev/comments/abc/");
    expect(s.referrerDomain).toBe("reddit.com");
    expect(classifySource({ referrer: "http://localhost:8080/x?y", url: page(), ownHostname: SITE }).referrer).toBe("http://localhost:8080/x");
  });

  it("keeps an Android app referrer readable", () => {
    expect(classifySource({ referrer: "android-app://com.google.android.gm/", url: page(), ownHostname: SITE })).toMatchObject({
      referrer: "android-app://com.google.android.gm",
      referrerDomain: "mail.google.com",
    });
  });

  it("ignores referrers that are not places on the web", () => {
    for (const referrer of ["chrome-extension://abcdef/popup.html", "file:///Users/me/page.html", "not a url", "data:text/html,hi"]) {
      expect(classifySource({ referrer, url: page(), ownHostname: SITE })).toEqual({ channel: "Direct" });
    }
  });
});

describe("classifySource internal navigation", () => {
  it.each([
    ["the same host", "https://example.com/blog"],
    ["www. of the site", "https://www.example.com/"],
    ["a subdomain of the site", "https://docs.example.com/getting-started"],
    ["the page's own host on a custom domain", "https://example.webflow.io/about"],
  ])("a referrer on %s is not a source", (_what, referrer) => {
    const url = referrer.includes("webflow") ? "https://example.webflow.io/pricing" : page();
    const s = classifySource({ referrer, url, ownHostname: SITE });
    expect(s).toEqual({ channel: "Direct", internal: true });
  });

  it("lets the owner's tags win over an internal referrer", () => {
    const s = classifySource({ referrer: "https://example.com/", url: page("?utm_source=newsletter&utm_medium=email"), ownHostname: SITE });
    expect(s).toMatchObject({ channel: "Email", internal: true, utmSource: "newsletter" });
    expect(s.referrer).toBeUndefined();
  });

  it("accepts several own hostnames", () => {
    const s = classifySource({ referrer: "https://shop.partner-checkout.com/cart", url: page(), ownHostname: [SITE, "partner-checkout.com"] });
    expect(s.internal).toBe(true);
  });

  it("does not mistake a look-alike domain for the site", () => {
    const s = classifySource({ referrer: "https://notexample.com/", url: page(), ownHostname: SITE });
    expect(s).toMatchObject({ channel: "Referral", referrerDomain: "notexample.com" });
    expect(s.internal).toBeUndefined();
  });
});

describe("source lists", () => {
  it.each([
    ["google.com", "search"],
    ["www.google.de", "search"],
    ["gemini.google.com", "ai"],
    ["mail.google.com", "email"],
    ["docs.google.com", undefined],
    ["yandex.com.tr", "search"],
    ["pinterest.co.uk", "social"],
    ["github.com", undefined],
  ] as const)("host %s is %s", (host, kind) => {
    expect(kindOfHost(host)).toBe(kind);
  });

  it.each([
    ["google", "search"],
    ["Google", "search"],
    ["Facebook Ads", "social"],
    ["fb", "social"],
    ["ig", "social"],
    ["x", "social"],
    ["chatgpt.com", "ai"],
    ["https://chatgpt.com/", "ai"],
    ["l.facebook.com", "social"],
    ["newsletter_march", "email"],
    ["partner-site", undefined],
    ["", undefined],
  ] as const)("utm_source %j is %s", (value, kind) => {
    expect(kindOfSourceValue(value)).toBe(kind);
  });
});
