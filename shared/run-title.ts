/**
 * A job run's title and the start time in it. The server names the time on the job's own clock in one fixed format
 * ("Check files · 4 May, 09:00"); a browser that shows the run's time itself (the sidebar) takes it off with
 * {@link runTitleWithoutTime} and names the time in its viewer's zone and locale (ADR 0308). Both sides live here so
 * the format and its reader cannot drift apart.
 */

/** The format of the time in a run's title: fixed (the server knows no viewer's locale), unambiguous, short. */
const TITLE_TIME: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
/** " · 4 May, 09:00" (en-GB writes September "Sept") at the end of a title. */
const TITLE_TIME_SUFFIX = / · \d{1,2} [A-Z][a-z]{2,3}, \d{2}:\d{2}$/;

/** A run's start time as its title writes it, on the clocks of `timeZone`. */
export function runTitleTime(at: number, timeZone: string): string {
  return new Date(at).toLocaleString("en-GB", { ...TITLE_TIME, timeZone });
}

/** A title without the run time the server put at its end; null for any other title (renamed by the user, or older). */
export function runTitleWithoutTime(title: string): string | null {
  return TITLE_TIME_SUFFIX.test(title) ? title.replace(TITLE_TIME_SUFFIX, "") : null;
}
