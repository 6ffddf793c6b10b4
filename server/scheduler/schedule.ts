import type * as Croner from "croner";
import { messageOf } from "../../shared/error-message.ts";
import { lazyModule } from "../lib/lazy-module.ts";
import { cronFieldProblem } from "./cron-fields.ts";
import { nextCronFireAfter } from "./cron-fires.ts";
import { addCalendarDays, instantOfWallTime, localTimeZone, wallTimeAt, type WallTime } from "./zoned-time.ts";

/** croner (~33 KB of the bundle) loads when a cron schedule is first read, not at every start (issue 16). */
const croner = lazyModule<typeof Croner>("croner");

/**
 * When a job fires: once at a time, every N units, or on a cron expression read in a time zone. Every N days keeps
 * the time of day in `timezone` (the server's zone when absent: schedules stored before it was asked for).
 */
export type Schedule =
  | { kind: "once"; at: number }
  | { kind: "interval"; every: number; unit: IntervalUnit; timezone?: string; at?: string }
  | { kind: "cron"; expression: string; timezone: string };

export type IntervalUnit = "seconds" | "minutes" | "hours" | "days";

/** The last instant a JavaScript date can hold; a "once" time beyond it cannot be shown or reached. */
const MAX_TIME_MS = 8.64e15;

const UNIT_MS: Record<IntervalUnit, number> = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** Thrown for a schedule that can never fire (bad cron, bad zone, no matching date, a time in the past…); `message` says why. */
export class ScheduleError extends Error {}

/** The length of one interval period in milliseconds. */
export function intervalMs(schedule: { every: number; unit: IntervalUnit }): number {
  return schedule.every * UNIT_MS[schedule.unit];
}

/**
 * Checks a schedule and throws a {@link ScheduleError} naming the problem. `now` is needed for "once" (a time in the
 * past is refused when creating a job).
 */
export function validateSchedule(schedule: Schedule, now: number): void {
  if (schedule.kind === "once") {
    if (!Number.isFinite(schedule.at) || Math.abs(schedule.at) > MAX_TIME_MS) throw new ScheduleError("The time to run at is not a valid time.");
    if (schedule.at < now) throw new ScheduleError("That time is in the past; pick a time from now on.");
    return;
  }
  if (schedule.kind === "interval") {
    if (!Number.isInteger(schedule.every) || schedule.every < 1) throw new ScheduleError("The interval must be a whole number of at least 1.");
    if (intervalMs(schedule) > 366 * UNIT_MS.days) throw new ScheduleError("The interval must be at most a year.");
    if (schedule.timezone !== undefined && !isKnownTimeZone(schedule.timezone)) throw new ScheduleError(`Unknown time zone "${schedule.timezone}".`);
    if (schedule.at !== undefined && schedule.unit !== "days") throw new ScheduleError("A time of day is kept by an interval in days only.");
    if (schedule.at !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(schedule.at)) throw new ScheduleError(`"${schedule.at}" is not a time of day (HH:MM).`);
    return;
  }
  if (cronOf(schedule).nextRun(new Date(now)) === null) {
    throw new ScheduleError(`"${schedule.expression.trim()}" never fires: no date matches it (like 31 February).`);
  }
}

/** The croner instance of a cron schedule (never started: we only ask it for times). */
export function cronOf(schedule: { expression: string; timezone: string }): Croner.Cron {
  if (!isKnownTimeZone(schedule.timezone)) throw new ScheduleError(`Unknown time zone "${schedule.timezone}".`);
  const fields = schedule.expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new ScheduleError(`A cron expression has five fields (minute hour day month weekday); "${schedule.expression}" has ${fields.length}.`);
  const outOfRange = cronFieldProblem(fields);
  if (outOfRange) throw new ScheduleError(`Invalid cron expression "${schedule.expression.trim()}": ${outOfRange}.`);
  try {
    return new (croner.load().Cron)(schedule.expression.trim(), { timezone: schedule.timezone, paused: true, domAndDow: false });
  } catch (error) {
    // croner's class name says nothing to a user: "CronPattern: Syntax error, illegal stepping: 0".
    throw new ScheduleError(`Invalid cron expression "${schedule.expression.trim()}": ${messageOf(error).replace(/^CronPattern:\s*/, "")}`);
  }
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first fire time strictly after `after`, or null when the schedule has no more (a "once" already past).
 * Intervals count from `anchor` (when the job's timing was counted from now, or its last fire) so they keep their
 * rhythm; every N days keeps the anchor's time of day, so it must not be a fire the spring gap moved.
 */
export function nextFireAfter(schedule: Schedule, after: number, anchor: number): number | null {
  switch (schedule.kind) {
    case "once":
      return schedule.at > after ? schedule.at : null;
    case "interval": {
      if (schedule.unit === "days") return nextDayFireAfter(schedule, after, anchor);
      const period = intervalMs(schedule);
      if (anchor > after) return anchor;
      const periods = Math.floor((after - anchor) / period) + 1;
      return anchor + periods * period;
    }
    case "cron":
      return nextCronFireAfter(schedule, after, (timezone) => cronOf({ expression: schedule.expression, timezone }));
  }
}

/**
 * Every N days at its time of day on the clocks of the schedule's zone: `at` when it has one (the first fire may be
 * the anchor's own day), else the anchor's. A day the clocks change is 23 or 25 hours long, and counting 24 hours
 * moved a job set for 09:00 to 08:00 or 10:00 for the rest of the season.
 */
function nextDayFireAfter(schedule: { every: number; timezone?: string; at?: string }, after: number, anchor: number): number {
  if (schedule.at === undefined && anchor > after) return anchor;
  const zone = schedule.timezone ?? localTimeZone();
  const start = withTimeOfDay(wallTimeAt(anchor, zone), schedule.at);
  const fire = (periods: number) => instantOfWallTime(addCalendarDays(start, periods * schedule.every), zone);
  // Counting real days gives the right period or one beside it (a day of 23 or 25 hours): step to the right one.
  const lowest = schedule.at === undefined ? 1 : 0;
  let periods = Math.max(lowest, Math.floor((after - anchor) / (schedule.every * UNIT_MS.days)));
  while (fire(periods) <= after) periods++;
  while (periods > lowest && fire(periods - 1) > after) periods--;
  return fire(periods);
}

/** `wall` at the time of day `at` ("09:00"), or as it is without one. */
function withTimeOfDay(wall: WallTime, at: string | undefined): WallTime {
  if (at === undefined) return wall;
  const [hour = 0, minute = 0] = at.split(":").map(Number);
  return { ...wall, hour, minute, second: 0, millisecond: 0 };
}

/** The next `count` fire times after `after` (for "next runs" in the UI). */
export function nextFires(schedule: Schedule, after: number, anchor: number, count: number): number[] {
  const times: number[] = [];
  let cursor = after;
  for (let i = 0; i < count; i++) {
    const next = nextFireAfter(schedule, cursor, anchor);
    if (next === null) break;
    times.push(next);
    cursor = next;
  }
  return times;
}
