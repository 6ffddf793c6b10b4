import { ENDED_LAST_LINE_CHARS, ENDED_LAST_LINES } from "../../../shared/protocol/terminals.ts";

/** A row drawn only of box-drawing characters: a TUI's frame (the Claude TUI's input box took 4 of the 12 lines kept). */
const FRAME_ONLY = /^[\s\u2500-\u257f]+$/;

/**
 * What an ended terminal's notice keeps of its screen: the last lines written on it, without the blank rows around
 * them, a TUI's frame rows or trailing spaces, each cut to a length a notice can show (a minified line).
 * @example lastLines(["$ make", "error: no rule", "", ""]) // ["$ make", "error: no rule"]
 */
export function lastLines(written: string[]): string[] {
  const lines = written.filter((line) => !FRAME_ONLY.test(line)).map((line) => line.trimEnd());
  const end = lines.findLastIndex((line) => line.length > 0) + 1;
  const kept = lines.slice(Math.max(0, end - ENDED_LAST_LINES), end);
  const start = kept.findIndex((line) => line.length > 0);
  return kept.slice(Math.max(0, start)).map(cut);
}

const cut = (line: string) => (line.length > ENDED_LAST_LINE_CHARS ? `${line.slice(0, ENDED_LAST_LINE_CHARS - 1)}…` : line);
