export { User } from "./User";
export { Website } from "./Website";
export { ApiKey } from "./ApiKey";
export { Session } from "./Session";
export { PageView } from "./PageView";
export { Goal } from "./Goal";
export { GoalEvent } from "./GoalEvent";
export { Payment } from "./Payment";
export { Funnel } from "./Funnel";
export { FunnelEvent } from "./FunnelEvent";
export { Mention } from "./Mention";
export { Commit } from "./Commit";
export { Identity } from "./Identity";
export { WebhookEvent } from "./WebhookEvent";
export { RefundLedger } from "./RefundLedger";
export { Integration } from "./Integration";
export { JobState } from "./JobState";
export { SearchConsoleRow } from "./SearchConsoleRow";

import { ApiKey } from "./ApiKey";
import { Commit } from "./Commit";
import { Funnel } from "./Funnel";
import { FunnelEvent } from "./FunnelEvent";
import { Goal } from "./Goal";
import { GoalEvent } from "./GoalEvent";
import { Identity } from "./Identity";
import { Integration } from "./Integration";
import { JobState } from "./JobState";
import { SearchConsoleRow } from "./SearchConsoleRow";
import { Mention } from "./Mention";
import { PageView } from "./PageView";
import { Payment } from "./Payment";
import { RefundLedger } from "./RefundLedger";
import { Session } from "./Session";
import { WebhookEvent } from "./WebhookEvent";

/** Every collection that holds a website's data: deleting a website empties them all. */
export const websiteScopedModels = [ApiKey, Session, PageView, Goal, GoalEvent, Payment, Funnel, FunnelEvent, Mention, Commit, Identity, WebhookEvent, RefundLedger, Integration, JobState, SearchConsoleRow];
