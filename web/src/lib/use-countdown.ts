import { useSecondTicks } from "./use-second-ticks.ts";

/** Seconds left until `until` (epoch ms), ticking once a second; null when there is nothing to count down to. */
export function useCountdown(until: number | null): number | null {
  const now = useSecondTicks(until !== null);
  if (until === null) return null;
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** `1:05`, `0:09` — a countdown as minutes and seconds (hours as `1:02:03`). */
export function formatCountdown(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
