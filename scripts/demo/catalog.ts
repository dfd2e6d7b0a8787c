// What the demo site's traffic is made of: weights are rough shares of visits.

export type Source = {
  channel: string;
  referrer?: string;
  utm?: { source?: string; medium?: string; campaign?: string; term?: string; content?: string };
  landing?: string;
};

export const sources: (readonly [Source, number])[] = [
  [{ channel: "Direct" }, 28],
  [{ channel: "Organic Search", referrer: "https://www.google.com/" }, 22],
  [{ channel: "Organic Search", referrer: "https://duckduckgo.com/" }, 3],
  [{ channel: "Organic Search", referrer: "https://www.bing.com/" }, 2],
  [{ channel: "Organic Social", referrer: "https://t.co/x8Kd2", landing: "/" }, 9],
  [{ channel: "Organic Social", referrer: "https://www.reddit.com/r/SaaS/", landing: "/blog/pricing-experiments" }, 4],
  [{ channel: "Organic Social", referrer: "https://news.ycombinator.com/", landing: "/blog/launch" }, 5],
  [{ channel: "Referral", referrer: "https://github.com/acme/acme", landing: "/docs" }, 5],
  [{ channel: "Referral", referrer: "https://www.producthunt.com/posts/acme", landing: "/" }, 3],
  [{ channel: "AI", referrer: "https://chatgpt.com/", landing: "/" }, 4],
  [{ channel: "AI", referrer: "https://www.perplexity.ai/", landing: "/pricing" }, 2],
  [{ channel: "Email", utm: { source: "newsletter", medium: "email", campaign: "weekly-digest" }, landing: "/blog/launch" }, 5],
  [{ channel: "Paid Search", referrer: "https://www.google.com/", utm: { source: "google", medium: "cpc", campaign: "brand", term: "acme analytics" }, landing: "/pricing" }, 5],
  [{ channel: "Paid Social", referrer: "https://t.co/ad91", utm: { source: "twitter", medium: "paid_social", campaign: "launch-week", content: "video" }, landing: "/" }, 3],
];

export const pages: (readonly [string, number])[] = [
  ["/", 30], ["/pricing", 14], ["/features", 9], ["/docs", 8], ["/docs/getting-started", 6],
  ["/blog", 5], ["/blog/launch", 5], ["/blog/pricing-experiments", 4], ["/about", 3],
  ["/changelog", 3], ["/signup", 6], ["/login", 4], ["/checkout", 3],
];

export const titles: Record<string, string> = { "/": "Acme: analytics for makers", "/pricing": "Pricing · Acme", "/signup": "Sign up · Acme" };

export const places: (readonly [{ country: string; region: string; city: string }, number])[] = [
  [{ country: "US", region: "California", city: "San Francisco" }, 14], [{ country: "US", region: "New York", city: "New York" }, 10],
  [{ country: "US", region: "Texas", city: "Austin" }, 5], [{ country: "GB", region: "England", city: "London" }, 9],
  [{ country: "DE", region: "Berlin", city: "Berlin" }, 8], [{ country: "FR", region: "Île-de-France", city: "Paris" }, 6],
  [{ country: "IN", region: "Karnataka", city: "Bengaluru" }, 7], [{ country: "CA", region: "Ontario", city: "Toronto" }, 5],
  [{ country: "NL", region: "North Holland", city: "Amsterdam" }, 4], [{ country: "BR", region: "São Paulo", city: "São Paulo" }, 4],
  [{ country: "JP", region: "Tokyo", city: "Tokyo" }, 3], [{ country: "AU", region: "New South Wales", city: "Sydney" }, 3],
  [{ country: "ES", region: "Madrid", city: "Madrid" }, 3], [{ country: "SE", region: "Stockholm", city: "Stockholm" }, 2],
];

export const systems: (readonly [{ device: "desktop" | "mobile" | "tablet"; browser: string; os: string }, number])[] = [
  [{ device: "desktop", browser: "Chrome", os: "macOS" }, 24], [{ device: "desktop", browser: "Chrome", os: "Windows" }, 16],
  [{ device: "desktop", browser: "Safari", os: "macOS" }, 9], [{ device: "desktop", browser: "Firefox", os: "Windows" }, 5],
  [{ device: "desktop", browser: "Firefox", os: "Linux" }, 4], [{ device: "desktop", browser: "Edge", os: "Windows" }, 5],
  [{ device: "mobile", browser: "Safari", os: "iOS" }, 18], [{ device: "mobile", browser: "Chrome", os: "Android" }, 13],
  [{ device: "tablet", browser: "Safari", os: "iOS" }, 4], [{ device: "tablet", browser: "Chrome", os: "Android" }, 2],
];

export const plans = [
  { amount: 1900, weight: 6 },
  { amount: 4900, weight: 3 },
  { amount: 9900, weight: 1 },
] as const;
