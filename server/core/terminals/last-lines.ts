import { ENDED_LAST_LINE_CHARS, ENDED_LAST_LINES } from "../../../shared/protocol/terminals.ts";

/**
 * What an ended terminal's notice keeps of its screen: the last lines written on it, without the blank rows around
 * them or trailing spaces, each cut to a length a notice can show (a TUI's full-width rule, a minified line).
 * @example lastLines(["$ make", "error: no rule", "", ""]) // ["$ make", "error: no rule"]
 */
export function lastLines(written: string[]): string[] {
  const lines = written.map((line) => line.trimEnd());
  const end = lines.findLastIndex((line) => line.length > 0) + 1;
  const kept = lines.slice(Math.max(0, end - ENDED_LAST_LINES), end);
  const start = kept.findIndex((line) => line.length > 0);
  return kept.slice(Math.max(0, start)).map(cut);
}

const cut = (line: string) => (line.length > ENDED_LAST_LINE_CHARS ? `${line.slice(0, ENDED_LAST_LINE_CHARS - 1)}…` : line);
