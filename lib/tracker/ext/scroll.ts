// Extension "scroll-depth": how far down each page was seen, sent once per page.
import { d, on } from "../config";
import { send } from "../send";

let page: string | 0 = 0; // set while a scroll event is due for the current page
let depth = 0;
let listening: unknown;

// Overscroll (iOS bounce) can read past 100: the server caps it.
const measure = () => (depth = Math.max(depth, (((scrollY + innerHeight) * 100) / d.documentElement.scrollHeight) | 0));

/**
 * Scroll events carry the url of the page they describe: by the time an SPA
 * navigation is seen, location already shows the next page. A page never
 * scrolled is measured as it is left, so a short page reads as fully seen.
 */
export const leaveScroll = () => {
  if (page) send("scroll", { scrollDepth: depth || measure(), url: page });
  page = 0;
};

export const listenScroll = (url: string) => {
  if (!listening) {
    listening = 1;
    on("scroll", measure);
    // Leaving the page (closing, navigating away) also turns it hidden.
    on("visibilitychange", () => d.hidden && leaveScroll());
  }
  page = url;
  depth = 0;
};
