/** The pure scheduling core: schedules, fires, queue, watchdog, retries. No I/O, no timers; time comes in as `now`. */
export * from "./schedule.ts";
export * from "./fires.ts";
export * from "./anchors.ts";
export * from "./queue.ts";
export * from "./watchdog.ts";
export * from "./retry.ts";
export * from "./tick.ts";
export { localTimeZone } from "./zoned-time.ts";
