import type { TerminalEnding } from "../../../../shared/index.ts";

type Ended = { ending?: TerminalEnding | null; exitCode?: number | null; signal?: string | null };

/**
 * How a terminal's run ended, in a few words, from the server's `ending` (never from the wording of its problem):
 * "could not start", "exited with code 3", "ended by SIGTERM", "killed" (ChatML's Kill).
 */
export function endingText({ ending, exitCode, signal }: Ended): string {
  if (ending === "could_not_start") return "could not start";
  if (ending === "signal") return `ended by ${signal ?? "a signal"}`;
  if (ending === "chatml") return "killed";
  return exitCode === null || exitCode === undefined ? "exited" : `exited with code ${exitCode}`;
}
