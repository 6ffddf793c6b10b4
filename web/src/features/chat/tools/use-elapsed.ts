import { useSecondTicks } from "../../../lib/use-second-ticks.ts";
import { useConnectionLostAt } from "../../../stores/connection-store.ts";

/**
 * "12s" / "1m 05s": a tool's running time, ticking each second while it runs. While the connection is lost it stops
 * where the page stopped hearing: the tool may have ended since.
 */
export function useElapsed(startedAt: number, endedAt: number | null, isRunning: boolean, reported: number | undefined): string {
  const lostAt = useConnectionLostAt();
  const now = useSecondTicks(isRunning && lostAt === null);
  const seconds = reported ?? ((endedAt ?? lostAt ?? now) - startedAt) / 1000;
  if (!Number.isFinite(seconds) || seconds < 0.05 || (!isRunning && endedAt === null)) return "";
  return formatSeconds(seconds);
}

/** Seconds as "0.4s", "12s" or "3m 07s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m ${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
}
