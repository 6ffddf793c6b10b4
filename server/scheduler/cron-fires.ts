import type * as Croner from "croner";
import { firstInstantWithOffset, offsetAt } from "./zoned-time.ts";

export type CronSchedule = { expression: string; timezone: string };

const WEEK_MS = 7 * 86_400_000;
/** A clock change is at most a few hours long; its other side is looked for this far away. */
const CLOCK_CHANGE_REACH_MS = 3 * 3_600_000;

/**
 * The first fire of a cron schedule strictly after `after`, with the clock-change rule of ADR 0108: a schedule with
 * fixed hours runs a time of day once a day — a time the clocks skip runs once at the end of the gap, a time they show
 * twice runs at its first occurrence. A schedule whose hour field is `*` (or `*\/n`) follows real time, as cron does.
 * `cronOf` builds croner's reading of the expression in a zone.
 */
export function nextCronFireAfter(schedule: CronSchedule, after: number, cronOf: (zone: string) => Croner.Cron): number | null {
  const inZone = cronOf(schedule.timezone);
  if (followsRealTime(schedule.expression)) return nextRun(inZone, after);
  let cursor = after;
  // Each pass skips one repeated reading; a day has at most a few of them.
  for (let pass = 0; pass < 100; pass++) {
    const next = nextRun(inZone, cursor);
    const gapFire = firstSkippedFire(cursor, next, schedule.timezone, cronOf);
    if (gapFire !== null) return gapFire;
    if (next === null || !isSecondOccurrence(next, schedule.timezone)) return next;
    cursor = next;
  }
  return null;
}

/** Whether the hour field is a wildcard: "every 15 minutes" or "hourly" count real time, through a clock change too. */
export function followsRealTime(expression: string): boolean {
  return (expression.trim().split(/\s+/)[1] ?? "*").startsWith("*");
}

function nextRun(cron: Croner.Cron, after: number): number | null {
  return cron.nextRun(new Date(after))?.getTime() ?? null;
}

/**
 * croner runs a single skipped time at the end of the gap, but several (like `*\/15 2 * * *`) not at all: that day
 * passed without a run. The end of a spring-forward gap after `from` (and before `until`) whose skipped readings the
 * expression matches is where that day's run goes.
 */
function firstSkippedFire(from: number, until: number | null, zone: string, cronOf: (zone: string) => Croner.Cron): number | null {
  const end = until ?? from + 366 * 86_400_000;
  for (let start = from; start < end; start += WEEK_MS) {
    const stop = Math.min(start + WEEK_MS, end);
    const before = offsetAt(start, zone);
    const after = offsetAt(stop, zone);
    if (after <= before) continue;
    const change = firstInstantWithOffset(start, stop, after, zone);
    if (change <= from) continue;
    // The readings skipped are [change + before, change + after) on a clock with no changes (UTC).
    const match = nextRun(cronOf("UTC"), change + before - 1);
    if (match !== null && match < change + after) return change;
  }
  return null;
}

/** Whether the clocks in `zone` already showed the reading they show at `instant` (the fall-back repeats it). */
function isSecondOccurrence(instant: number, zone: string): boolean {
  const now = offsetAt(instant, zone);
  const earlier = offsetAt(instant - CLOCK_CHANGE_REACH_MS, zone);
  if (earlier <= now) return false;
  return offsetAt(instant - (earlier - now), zone) === earlier;
}
