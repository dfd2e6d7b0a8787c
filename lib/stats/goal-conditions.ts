import { str } from "@/lib/engine/sql";
import type { FunnelDTO } from "@/lib/funnels/funnels";
import type { GoalDTO } from "@/lib/goals/goals";
import { pathMatchSql } from "./path-glob";

/** The engine condition on an event row that completes a goal: its custom event, or a pageview of its page pattern. */
export function goalCondition(goal: Pick<GoalDTO, "kind" | "match">): string {
  return goal.kind === "event" ? `(kind = 'goal' AND name = ${str(goal.match)})` : `(kind = 'pageview' AND ${pathMatchSql(goal.match, "path", str)})`;
}

/**
 * A funnel step as a goal condition: a page step is its pattern; a goal step
 * names a defined goal, and a name with no definition is taken as a custom
 * event name.
 */
export function stepCondition(step: FunnelDTO["steps"][number], goals: GoalDTO[]): string {
  if (step.type === "page") return goalCondition({ kind: "page", match: step.value });
  const goal = goals.find((g) => g.name === step.value);
  return goalCondition(goal ?? { kind: "event", match: step.value });
}
