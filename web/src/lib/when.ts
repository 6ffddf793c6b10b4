/**
 * The two ways the app writes a moment, in the user's locale and zone, so every screen writes it alike (a bare
 * `toLocaleString()` wrote "12/6/2026, 9:31:48 PM" beside the rest's "Dec 6, 2026, 9:12 PM").
 */

/** A day and a time: "Dec 6, 2026, 9:12 PM". */
export function dateAndTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** For lists: the time alone today ("9:12 PM"), else a short day and the time ("12/5/26, 9:12 PM"). */
export function timeOrDayAndTime(ms: number, now = Date.now()): string {
  const isToday = new Date(ms).toDateString() === new Date(now).toDateString();
  return new Date(ms).toLocaleString(undefined, isToday ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" });
}
