// Trailmark browser tracker, built into public/js/script.js (the core) and
// script.<extensions>.js (the core plus extensions) by scripts/build-tracker.mjs.
import { listen, pageview } from "./auto";
import { adopt } from "./ext/cross-domain";
import { startVitals } from "./ext/vitals";
import { ids } from "./ids";
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
// ids() is false when nothing may be stored: false.visitorId is undefined.
tm.visitorId = () => (ids() as Ids).visitorId;
tm.sessionId = () => (ids() as Ids).sessionId;
w.trailmark = tm;
// Before the first pageview, which then carries the adopted ids and a clean url.
if (TM_CROSS) adopt();
if (TM_VITALS) startVitals();
listen();
pageview();
for (const args of queued) tm.apply(0, args as unknown as Parameters<Api>);
