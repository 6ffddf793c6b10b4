import { nextFireAfter, type Schedule } from "./schedule.ts";

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

