import type { ScheduleSpec } from "./protocol/jobs.ts";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * A schedule in plain words ("every 2 hours", "at 09:00 on Monday to Friday"). Cron fields we cannot put in words
 * are quoted as they are; the caller shows the next fire times beside it, which are always exact. Here, not in the
 * scheduler: a job card words its schedule at once, where it showed the bare cron until the server's preview came.
 */
export function describeSchedule(schedule: ScheduleSpec, formatTime: (ms: number) => string): string {
  if (schedule.kind === "once") return `once, ${formatTime(schedule.at)}`;
  if (schedule.kind === "interval") return `${schedule.every === 1 ? `every ${schedule.unit.replace(/s$/, "")}` : `every ${schedule.every} ${schedule.unit}`}${schedule.at ? ` at ${schedule.at}` : ""}`;
  return `${describeCron(schedule.expression)} (${schedule.timezone})`;
}

/** A five-field cron expression in words. */
export function describeCron(expression: string): string {
  const [minute = "*", hour = "*", dom = "*", month = "*", dow = "*"] = expression.trim().split(/\s+/);
  const parts = [timeOfDay(minute, hour)];
  const days = [dom !== "*" ? `on day ${list(dom, String)} of the month` : null, dow !== "*" ? `on ${list(dow, (n) => WEEKDAYS[n % 7] ?? String(n))}` : null].filter((d) => d !== null);
  // Both given: cron fires on either (day 1 of the month, and every Monday), as the next fire times show.
  if (days.length) parts.push(days.join(" or "));
  if (month !== "*") parts.push(`in ${list(month, (n) => MONTHS[n - 1] ?? String(n))}`);
  return parts.join(" ");
}

function timeOfDay(minute: string, hour: string): string {
  const isNumber = (field: string) => /^\d+$/.test(field);
  if (isNumber(minute) && isNumber(hour)) return `at ${hour.padStart(2, "0")}:${minute.padStart(2, "0")}`;
  if (minute === "*" && hour === "*") return "every minute";
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step && hour === "*") return `every ${step[1]} minutes`;
  if (minute === "*" || step) return `${minute === "*" ? "every minute" : `every ${step?.[1]} minutes`} ${duringHours(hour, Number(step?.[1] ?? 1))}`;
  if (isNumber(minute) && hour === "*") return minute === "0" ? "every hour, on the hour" : `every hour at minute ${minute}`;
  const hourStep = /^\*\/(\d+)$/.exec(hour);
  if (isNumber(minute) && hourStep) return `every ${hourStep[1]} hours at minute ${minute}`;
  if (isNumber(minute)) return `at minute ${minute} past hour ${list(hour, String)}`;
  return `at minute ${minute} of hour ${hour}`;
}

/**
 * The hours a minute-by-minute field runs in: "9-17" with a step of 15 → "from 09:00 to 17:45" (a step counts from
 * minute 0, so its last run in an hour is the last multiple of it before 60).
 */
function duringHours(hour: string, step: number): string {
  const lastMinute = String(Math.floor(59 / step) * step).padStart(2, "0");
  const range = /^(\d+)(?:-(\d+))?$/.exec(hour);
  if (range) return `from ${range[1]?.padStart(2, "0")}:00 to ${(range[2] ?? range[1])?.padStart(2, "0")}:${lastMinute}`;
  return hour.includes(",") ? `in hours ${list(hour, String)}` : `in ${list(hour, String)} hour`;
}

/** "1,3,5" → "1, 3 and 5"; "1-5" → "1 to 5"; "*\/2" → "every 2nd". */
function list(field: string, name: (n: number) => string): string {
  const items = field.split(",").map((item) => {
    const range = /^(\d+)-(\d+)$/.exec(item);
    if (range) return `${name(Number(range[1]))} to ${name(Number(range[2]))}`;
    const step = /^\*\/(\d+)$/.exec(item);
    if (step) return `every ${step[1]}${ordinalSuffix(Number(step[1]))}`;
    return /^\d+$/.test(item) ? name(Number(item)) : item;
  });
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : (items[0] ?? field);
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return "th";
  return ["th", "st", "nd", "rd"][n % 10] ?? "th";
}
