// Extension "outbound-links": a click on a link to another host is a goal.
import { send } from "../send";

export const clickOutbound = (a: HTMLAnchorElement) => send("goal", { name: "outbound_click", props: { url: a.href } });
