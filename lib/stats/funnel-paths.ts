/**
 * The furthest funnel step one visitor reached: steps completed in order, each
 * strictly after the previous one (in event order), all within `windowMs` of
 * entering step 0, which must happen before `startsBefore`. Pure, so the rule
 * is tested on its own.
 *
 * For a fixed entry, taking the earliest event that matches each next step is
 * optimal (it leaves the most room for later steps); entries are tried in
 * order because a later one may fit the window when an earlier one does not.
 * Returns -1 when the visitor never entered.
 */
export function furthestStep(events: { at: number; steps: ReadonlySet<number> }[], stepCount: number, windowMs: number, startsBefore = Infinity): number {
  let best = -1;
  for (let i = 0; i < events.length && best < stepCount - 1; i++) {
    const entry = events[i];
    if (!entry.steps.has(0) || entry.at >= startsBefore) continue;
    let reached = 0;
    for (let j = i + 1; j < events.length && reached < stepCount - 1; j++) {
      if (events[j].at - entry.at > windowMs) break;
      if (events[j].steps.has(reached + 1)) reached++;
    }
    best = Math.max(best, reached);
  }
  return best;
}
