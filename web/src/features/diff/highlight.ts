import { classHighlighter, highlightTree } from "@lezer/highlight";
import { languageFor } from "../../lib/code-languages.ts";

/** A highlighted piece of one line: character offsets within the line and the token's CSS classes. */
export type Token = { from: number; to: number; className: string };

/** Texts larger than this are shown without highlighting (parsing them would stall the page). */
const MAX_HIGHLIGHT_CHARS = 1_500_000;

/** Per-line syntax tokens of `text` in the language of `path` (loaded on demand); null when there is none. */
export async function highlightLines(path: string, text: string): Promise<Token[][] | null> {
  if (!text || text.length > MAX_HIGHLIGHT_CHARS) return null;
  const support = await languageFor(path);
  if (!support) return null;
  const tree = support.language.parser.parse(text);
  const starts = lineStarts(text);
  const lines: Token[][] = starts.map(() => []);
  let line = 0;
  highlightTree(tree, classHighlighter, (from, to, className) => {
    while (line + 1 < starts.length && (starts[line + 1] as number) <= from) line++;
    // A token may span lines (comments, strings): split it at each line start.
    let at = from;
    let current = line;
    while (at < to) {
      const lineStart = starts[current] as number;
      const lineEnd = current + 1 < starts.length ? (starts[current + 1] as number) - 1 : text.length;
      const end = Math.min(to, lineEnd);
      if (end > at) lines[current]?.push({ from: at - lineStart, to: end - lineStart, className });
      at = lineEnd + 1;
      current++;
      if (current >= starts.length) break;
    }
  });
  return lines;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
