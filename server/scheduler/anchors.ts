import { nextFireAfter, type Schedule } from "./schedule.ts";
import { instantOfWallTime, localTimeZone, wallTimeAt } from "./zoned-time.ts";

/**
 * The anchor of a job saved before jobs kept one (ADR 0120). Its next fire holds its time of day unless that
 * fire is the one the spring gap moved (03:00 for 02:30): then it would keep 03:00 for good. So an every-N-days job
 * takes the first of `earlier` (its last scheduled fire, its creation) whose days land on that very next fire — an
 * instant of its own time of day — and its next fire only when none does. Other schedules count from the next fire.
 */
export function anchorOfUnanchored(schedule: Schedule, nextFireAt: number | null, earlier: readonly number[], createdAt: number): number {
  if (nextFireAt === null) return createdAt;
  if (schedule.kind !== "interval" || schedule.unit !== "days") return nextFireAt;
  const reachesNextFire = (candidate: number) => candidate < nextFireAt && nextFireAfter(schedule, nextFireAt - 1, candidate) === nextFireAt;
  return earlier.find(reachesNextFire) ?? nextFireAt;
}

/**
 * An anchor moved to another zone's clocks: the same wall-clock reading there (09:00 in New York becomes 09:00 in
 * Berlin), so a day interval given another zone runs at its time of day on the new zone's clocks (ADR 0130).
 */
export function anchorInZone(anchor: number, fromZone: string | undefined, toZone: string | undefined): number {
  return instantOfWallTime(wallTimeAt(anchor, fromZone ?? localTimeZone()), toZone ?? localTimeZone());
}

/**
 * What an edit does to a job's timing: `same` keeps its next run (the editor resends the schedule with every save);
 * `zone` gives an every-N-days job another zone's clocks (its time of day moves there, {@link anchorInZone});
 * `rhythm` counts it from now. A day interval saved without a zone (read in the server's zone) that is given one
 * keeps its next run, `same`: "Use my time zone" pins the time it runs at, which the card shows on the device's clocks
 * (ADR 0120); one that names its time of day (`at`) moves to that time on the new zone's clocks, `zone`.
 */
export function scheduleChangeOf(current: Schedule, next: Schedule): "same" | "zone" | "rhythm" {
  if (current.kind === "interval" && next.kind === "interval" && current.unit === "days" && next.unit === "days") {
    if (current.every !== next.every || current.at !== next.at) return "rhythm";
    // A zoneless day interval read its time on the server's clocks. Pinning a zone keeps the instant it runs at,
    // unless it names its time of day: "09:00" is then read on the new zone's clocks, as every run after the next is.
    if (current.timezone === undefined && current.at === undefined) return "same";
    return (current.timezone ?? localTimeZone()) === (next.timezone ?? localTimeZone()) ? "same" : "zone";
  }
  return JSON.stringify(canonical(current)) === JSON.stringify(canonical(next)) ? "same" : "rhythm";
}

function canonical(schedule: Schedule): Schedule {
  if (schedule.kind === "once") return { kind: "once", at: schedule.at };
  if (schedule.kind === "cron") return { kind: "cron", expression: schedule.expression.trim(), timezone: schedule.timezone };
  return { kind: "interval", every: schedule.every, unit: schedule.unit };
}
