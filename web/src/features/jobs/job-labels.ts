import { describeSchedule, type Job, type Run, type RunStatus, type RunTrigger, type ScheduleSpec } from "../../../../shared/index.ts";
import { dateAndTime } from "../../lib/when.ts";

/** A run not ended yet: queued, running, or waiting for the user. */
export function isRunActive(status: RunStatus): boolean {
  return status === "queued" || status === "running" || status === "waiting";
}

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  waiting: "Waiting for you",
  succeeded: "Succeeded",
  failed: "Failed",
  timed_out: "Timed out",
  cancelled: "Cancelled",
};

export const RUN_STATUS_CLASSES: Record<RunStatus, string> = {
  queued: "bg-stone-200 text-stone-800 dark:bg-stone-800 dark:text-stone-200",
  running: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  waiting: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  succeeded: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  timed_out: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  cancelled: "bg-stone-200 text-stone-700 dark:bg-stone-800 dark:text-stone-300",
};

export const TRIGGER_LABELS: Record<RunTrigger, string> = {
  schedule: "on schedule",
  // One run for every fire missed while ChatML was stopped or the repository removed (ADR 0309): its log says how many.
  missed: "catch-up for missed runs",
  manual: "run now",
  retry: "retry",
  corrective: "corrective run",
};

/**
 * " (your time)" after the times of a schedule that keeps another zone's clock: "at 09:00 on Monday (Europe/Berlin)"
 * above "Next run Dec 7, 8:00 AM" (the viewer's clock) read as a contradiction. A "once" time is always shown on the
 * viewer's clock and names no zone of its own, so it says which: " (your time, Asia/Tokyo)".
 */
export function yourTimeNote(schedule: ScheduleSpec, viewerZone: string): string {
  if (schedule.kind === "once") return ` (your time, ${viewerZone})`;
  return schedule.timezone && schedule.timezone !== viewerZone ? " (your time)" : "";
}

/** The time of day a schedule names on its zone's clocks ("02:30"), or null (intervals without one, cron ranges, steps). */
function scheduledTimeOfDay(schedule: ScheduleSpec): { time: string; zone: string } | null {
  if (schedule.kind === "interval") return schedule.at && schedule.timezone ? { time: schedule.at, zone: schedule.timezone } : null;
  if (schedule.kind !== "cron") return null;
  const [minute = "", hour = ""] = schedule.expression.trim().split(/\s+/);
  if (!/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour)) return null;
  return { time: `${hour.padStart(2, "0")}:${minute.padStart(2, "0")}`, zone: schedule.timezone };
}

/**
 * ". The clocks in Europe/Berlin skip 02:30 on Mar 28: that run is at 03:00 there." when one of `times` is not at the
 * schedule's time of day: spring's gap moves it to the gap's end. "Next run Mar 27, 9:00 PM" beside "at 02:30
 * (Europe/Berlin)" read as a fault of the scheduler.
 */
export function clockChangeNote(schedule: ScheduleSpec, times: number[]): string {
  const named = scheduledTimeOfDay(schedule);
  if (!named) return "";
  const wallTime = (at: number) => new Date(at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: named.zone });
  // At the gap's end: not at its time of day, and the clocks jumped in the minute before it (01:59, then 03:00).
  const minutes = (at: number) => {
    const [hour = 0, minute = 0] = wallTime(at).split(":").map(Number);
    return hour * 60 + minute;
  };
  const moved = times.find((at) => wallTime(at) !== named.time && (minutes(at) - minutes(at - 60_000) + 1440) % 1440 !== 1);
  if (moved === undefined) return "";
  return `. The clocks in ${named.zone} skip ${named.time} on ${new Date(moved).toLocaleString(undefined, { month: "short", day: "numeric", timeZone: named.zone })}: that run is at ${wallTime(moved)} there.`;
}

/** A time in the user's zone, short: the one format for every time the jobs screens show. */
export const formatTime = dateAndTime;

/**
 * A schedule in a few words, without asking the server: the same words as its preview, so a job card on a slow phone
 * no longer showed "cron 30 2 * * * (Europe/Berlin)" until the preview answered "at 02:30 (Europe/Berlin)".
 */
export function shortSchedule(schedule: ScheduleSpec): string {
  return describeSchedule(schedule, formatTime);
}

/**
 * When a job runs next, in words. A "once" job says it in one line; run by hand before its time, it still runs at its
 * time (the scheduler keeps the fire), and the line says both. `runs` are the job's runs, newest first.
 * @example jobTiming(onceJob, [manualRun]) // "Runs once at 2 Dec 2026, 23:21 (your time, Europe/Berlin); ran now at 2 Dec 2026, 22:21, and still runs at its time"
 */
export function jobTiming(job: Pick<Job, "schedule" | "nextFireAt" | "lastFireAt">, runs: Pick<Run, "trigger" | "queuedAt" | "startedAt">[], viewerZone: string): string {
  if (job.schedule.kind !== "once") return job.nextFireAt ? `Next run ${formatTime(job.nextFireAt)}${yourTimeNote(job.schedule, viewerZone)}${clockChangeNote(job.schedule, [job.nextFireAt])}` : "No more runs scheduled";
  const byHand = runs.find((run) => run.trigger === "manual");
  const ranNow = byHand ? `ran now at ${formatTime(byHand.startedAt ?? byHand.queuedAt)}` : null;
  const zone = yourTimeNote(job.schedule, viewerZone);
  if (job.nextFireAt !== null) return `Runs once at ${formatTime(job.nextFireAt)}${zone}${ranNow ? `; ${ranNow}, and still runs at its time` : ""}`;
  const ranAtTime = job.lastFireAt !== null ? `Ran once at ${formatTime(job.lastFireAt)}${zone}` : `Once at ${formatTime(job.schedule.at)}${zone}`;
  return `${ranAtTime}${ranNow ? `; ${ranNow}` : ""}; no more runs scheduled`;
}

/**
 * Whether a "once" job's time passed while it (or its goal) was paused: it never fired, and resuming does not run it
 * late (ADR 0014), so nothing would run unless the user sets a new time or runs it now.
 */
export function isOnceTimeMissed(job: Pick<Job, "schedule" | "isEnabled" | "nextFireAt" | "lastFireAt">, now = Date.now()): boolean {
  return job.schedule.kind === "once" && job.isEnabled && job.nextFireAt === null && job.lastFireAt === null && job.schedule.at <= now;
}

/** A duration in words short enough for a table: "42 s", "3 min 5 s", "1 h 20 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min${seconds % 60 ? ` ${seconds % 60} s` : ""}`;
  return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
}

