// Trailmark browser tracker, built into public/js/script.js by scripts/build-tracker.mjs.
import { listen, pageview } from "./auto";
import { adopt, ids } from "./ids";
import { send } from "./send";

type Ids = { visitorId?: string; sessionId?: string };
type Api = ((cmd: string, a?: any, b?: object) => void) & { q?: IArguments[]; visitorId?: () => string | undefined; sessionId?: () => string | undefined };

const w = window as unknown as { trailmark?: Api };
const queued = w.trailmark?.q || [];

const tm: Api = (cmd, a, b) => {
  if (cmd == "goal") send(cmd, { name: a, props: b });
  // "payment" only hands over the buyer's email: an identify by another name.
  if (/^(identify|payment)$/.test(cmd)) send("identify", a);
};
tm.visitorId = () => (ids() || ({} as Ids)).visitorId;
tm.sessionId = () => (ids() || ({} as Ids)).sessionId;
w.trailmark = tm;
// Before the first pageview, which then carries the adopted ids and a clean url.
adopt();
listen();
pageview();
for (const args of queued) tm.apply(0, args as unknown as Parameters<Api>);
