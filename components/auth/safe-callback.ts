/**
 * Only same-site paths are followed after sign-in: an absolute or protocol-relative
 * callbackUrl would turn the login page into an open redirect.
 */
export function safeCallbackUrl(value: string | string[] | undefined, fallback = "/dashboard"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  return raw;
}
