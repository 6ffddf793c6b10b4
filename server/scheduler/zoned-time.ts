/** A wall-clock reading in some time zone (month 1–12). */
export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The time zone the server runs in (schedules stored before they carried a zone are read in it). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** What a clock in `zone` reads at `instant`. */
export function wallTimeAt(instant: number, zone: string): WallTime {
  const parts = Object.fromEntries(formatterOf(zone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const millisecond = ((instant % 1000) + 1000) % 1000;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second), millisecond };
}

/** How far `zone`'s clocks are ahead of UTC at `instant`, in milliseconds. */
export function offsetAt(instant: number, zone: string): number {
  const wall = wallTimeAt(instant, zone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond) - instant;
}

/**
 * The instant a clock in `zone` reads `wall`. A reading the clocks skip (spring forward) gives the first instant after
 * the gap; one they show twice (fall back) gives its first occurrence.
 */
export function instantOfWallTime(wall: WallTime, zone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  // The two offsets in force around this reading (the same one on all but transition days).
  const before = offsetAt(asUtc - 86_400_000, zone);
  const after = offsetAt(asUtc + 86_400_000, zone);
  const candidates = [asUtc - before, asUtc - after].filter((instant) => offsetAt(instant, zone) === asUtc - instant);
  if (candidates.length) return Math.min(...candidates);
  // Skipped by the clocks: the gap ends where the later offset starts.
  return firstInstantWithOffset(asUtc - after, asUtc - before, after, zone);
}

/** The first instant in (from, to] at which `zone` has `offset` (binary search; the offset changes once in between). */
export function firstInstantWithOffset(from: number, to: number, offset: number, zone: string): number {
  let low = from;
  let high = to;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle, zone) === offset) high = middle;
    else low = middle;
  }
  return high;
}

/** `wall` moved by `days` calendar days (the time of day kept). */
export function addCalendarDays(wall: WallTime, days: number): WallTime {
  const moved = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}
