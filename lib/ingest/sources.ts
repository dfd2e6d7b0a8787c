/**
 * Which referrer hosts and utm_source values mean search, social, AI or email.
 * Hosts match themselves and their subdomains ("facebook.com" covers
 * l.facebook.com and m.facebook.com); tokens match a utm_source word.
 * Order matters: AI and email are checked before search, so gemini.google.com
 * and mail.google.com are not read as Google Search.
 */
export type SourceKind = "ai" | "email" | "paid_search" | "search" | "social";

interface SourceList {
  kind: SourceKind;
  hosts: readonly string[];
  patterns?: readonly RegExp[];
  tokens: readonly string[];
}

export const SOURCE_LISTS: readonly SourceList[] = [
  {
    kind: "ai",
    hosts: [
      "chatgpt.com", "chat.openai.com", "perplexity.ai", "claude.ai", "gemini.google.com", "bard.google.com",
      "notebooklm.google.com", "aistudio.google.com", "copilot.microsoft.com", "copilot.cloud.microsoft",
      "chat.deepseek.com", "grok.com", "meta.ai", "chat.mistral.ai", "you.com", "phind.com", "poe.com",
      "pi.ai", "character.ai", "chat.qwen.ai", "kimi.com", "kimi.moonshot.cn", "felo.ai", "andisearch.com",
      "lmarena.ai", "duck.ai",
    ],
    tokens: [
      "chatgpt", "openai", "perplexity", "claude", "anthropic", "gemini", "bard", "copilot", "deepseek",
      "grok", "mistral", "phind", "poe", "kimi", "qwen", "meta.ai",
    ],
  },
  {
    kind: "email",
    hosts: [
      "mail.google.com", "inbox.google.com", "outlook.live.com", "outlook.office.com", "outlook.office365.com",
      "mail.yahoo.com", "mail.yahoo.co.jp", "mail.proton.me", "mail.protonmail.com", "app.fastmail.com",
      "mail.aol.com", "mail.yandex.ru", "e.mail.ru", "mail.zoho.com", "mail.zoho.eu", "webmail.gmx.net",
      "navigator-lxa.mail.com", "mail.tutanota.com", "app.tuta.com", "app.hey.com",
    ],
    // Webmail and newsletter click-tracking hosts: mail.example.org, webmail.isp.net, email.mg.substack.com.
    patterns: [/^(web|e)?mail\d*\./],
    tokens: [
      "email", "e-mail", "e_mail", "mail", "newsletter", "newsletters", "mailchimp", "sendgrid", "convertkit",
      "beehiiv", "substack", "buttondown", "mailerlite", "klaviyo", "brevo", "sendinblue", "campaignmonitor",
      "hs_email", "loops", "resend", "postmark", "customerio", "drip", "gmail", "outlook",
    ],
  },
  {
    // Ad clicks that arrive with a referrer but without tags (Google display and search partners).
    kind: "paid_search",
    hosts: ["googleads.g.doubleclick.net", "ad.doubleclick.net", "syndicatedsearch.goog", "adservice.google.com", "tpc.googlesyndication.com"],
    tokens: ["adwords", "googleads", "google_ads", "bingads", "microsoft_ads"],
  },
  {
    kind: "search",
    hosts: [
      "bing.com", "duckduckgo.com", "search.yahoo.com", "search.yahoo.co.jp", "ya.ru", "baidu.com", "ecosia.org",
      "search.brave.com", "startpage.com", "qwant.com", "kagi.com", "search.naver.com", "search.seznam.cz",
      "sogou.com", "so.com", "sm.cn", "search.aol.com", "ask.com", "mojeek.com", "yep.com", "presearch.com",
      "metager.org", "metager.de", "swisscows.com", "search.daum.net", "lilo.org", "petalsearch.com",
      "search.lycos.com", "dogpile.com", "com.google.android.googlequicksearchbox",
    ],
    // google.com, www.google.co.uk, google.com.br; yandex.ru, yandex.com.tr
    patterns: [/^(www\.)?google\.[a-z]{2,3}(\.[a-z]{2})?$/, /(^|\.)yandex\.[a-z]{2,3}(\.[a-z]{2})?$/],
    tokens: [
      "google", "bing", "duckduckgo", "ddg", "yahoo", "yandex", "baidu", "ecosia", "brave", "startpage", "qwant",
      "kagi", "naver", "seznam", "sogou", "mojeek",
    ],
  },
  {
    kind: "social",
    hosts: [
      "t.co", "x.com", "twitter.com", "facebook.com", "fb.com", "fb.me", "messenger.com", "instagram.com",
      "linkedin.com", "lnkd.in", "reddit.com", "redd.it", "news.ycombinator.com", "youtube.com", "youtu.be",
      "tiktok.com", "pin.it", "threads.net", "threads.com", "bsky.app", "mastodon.social", "mastodon.online",
      "mstdn.social", "mas.to", "fosstodon.org", "hachyderm.io", "infosec.exchange", "techhub.social",
      "discord.com", "discordapp.com", "t.me", "telegram.org", "whatsapp.com", "wa.me", "quora.com",
      "tumblr.com", "vk.com", "weibo.com", "snapchat.com", "twitch.tv", "lemmy.world", "producthunt.com",
      "slack.com", "line.me", "xing.com", "nextdoor.com", "medium.com", "dev.to", "indiehackers.com",
      "lobste.rs", "tildes.net", "kbin.social", "farcaster.xyz", "warpcast.com", "douyin.com", "xiaohongshu.com",
    ],
    // pinterest.com, pinterest.co.uk; self-hosted Mastodon servers usually say so in their name.
    patterns: [/(^|\.)pinterest\.[a-z]{2,3}(\.[a-z]{2})?$/, /(^|\.)(mastodon|mstdn)[.-]/],
    tokens: [
      "facebook", "fb", "instagram", "ig", "twitter", "x", "tw", "linkedin", "reddit", "youtube", "yt", "tiktok",
      "pinterest", "threads", "bluesky", "bsky", "mastodon", "hackernews", "hn", "ycombinator", "discord",
      "telegram", "whatsapp", "snapchat", "quora", "tumblr", "producthunt", "vk", "weibo", "twitch", "slack",
      "lemmy", "lobsters", "farcaster",
    ],
  },
];

/** Android apps send `android-app://<package>/` as the referrer; these name the site they stand for. */
export const ANDROID_APPS: Readonly<Record<string, string>> = {
  "com.google.android.gm": "mail.google.com",
  "com.google.android.googlequicksearchbox": "google.com",
  "com.google.android.youtube": "youtube.com",
  "com.microsoft.office.outlook": "outlook.live.com",
  "com.linkedin.android": "linkedin.com",
  "com.twitter.android": "x.com",
  "com.facebook.katana": "facebook.com",
  "com.facebook.orca": "messenger.com",
  "com.instagram.android": "instagram.com",
  "com.instagram.barcelona": "threads.net",
  "com.reddit.frontpage": "reddit.com",
  "com.pinterest": "pinterest.com",
  "com.zhiliaoapp.musically": "tiktok.com",
  "org.telegram.messenger": "t.me",
  "com.whatsapp": "whatsapp.com",
  "com.discord": "discord.com",
  "com.slack": "slack.com",
  "xyz.blueskyweb.app": "bsky.app",
  "com.openai.chatgpt": "chatgpt.com",
  "ai.perplexity.app.android": "perplexity.ai",
  "com.anthropic.claude": "claude.ai",
  "com.google.android.apps.bard": "gemini.google.com",
};

const isHostIn = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** The kind of a referrer host (lowercase, without "www."), or undefined for an ordinary site. */
export function kindOfHost(host: string): SourceKind | undefined {
  for (const list of SOURCE_LISTS) {
    if (list.hosts.some((d) => isHostIn(host, d)) || list.patterns?.some((p) => p.test(host))) return list.kind;
  }
  return undefined;
}

/**
 * The kind of a utm_source value: a host ("chatgpt.com", "l.facebook.com") or
 * words ("google", "Facebook Ads", "newsletter_march").
 */
export function kindOfSourceValue(value: string): SourceKind | undefined {
  const v = value.trim().toLowerCase();
  if (!v) return undefined;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(v) || /^https?:\/\//.test(v)) {
    const host = v.replace(/^https?:\/\//, "").split(/[/?#:]/)[0].replace(/^www\./, "");
    const byHost = kindOfHost(host);
    if (byHost) return byHost;
  }
  const words = v.split(/[^a-z0-9]+/).filter(Boolean);
  for (const list of SOURCE_LISTS) {
    if (list.tokens.includes(v) || words.some((w) => list.tokens.includes(w))) return list.kind;
  }
  return undefined;
}
