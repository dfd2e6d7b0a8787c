import { withWebsite } from "@/lib/auth/with-website";
import { receivedEvents } from "@/lib/install/verify";

export const dynamic = "force-dynamic";

/** The last events the site's tag sent to this server, dropped ones with their reason. */
export const GET = withWebsite("admin", async (_req, { website }) => Response.json({ events: receivedEvents(String(website._id)) }));
