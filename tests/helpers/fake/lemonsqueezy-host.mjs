// Loaded (node --import) into an app under test only. LemonSqueezy's SDK
// sends every call to https://api.lemonsqueezy.com through the global fetch
// and has no option for another address, so this wraps the global fetch to
// send that host's requests to TRAILMARK_TEST_LEMONSQUEEZY_URL, a local
// server speaking its API. Every other request goes out untouched.
const HOST = "https://api.lemonsqueezy.com";
const target = process.env.TRAILMARK_TEST_LEMONSQUEEZY_URL;

if (target) {
  const original = globalThis.fetch;
  globalThis.fetch = function fetchToFakeLemonSqueezy(input, init) {
    const url = input instanceof Request ? input.url : String(input);
    if (url === HOST || url.startsWith(`${HOST}/`)) {
      const moved = target.replace(/\/$/, "") + url.slice(HOST.length);
      return original(input instanceof Request ? new Request(moved, input) : moved, init);
    }
    return original(input, init);
  };
}
