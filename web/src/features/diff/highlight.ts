import { classHighlighter, highlightTree } from "@lezer/highlight";
import { languageFor } from "../../lib/code-languages.ts";

/** A highlighted piece of one line: character offsets within the line and the token's CSS classes. */
export type Token = { from: number; to: number; className: string };

/** Both sides' tokens (null for a side without highlighting). */
export type SideTokens = { old: PackedTokens | null; new: PackedTokens | null };

/** Texts larger than this are shown without highlighting (parsing them would stall the page). */
const MAX_HIGHLIGHT_CHARS = 1_500_000;

/**
 * One text's syntax tokens, packed: `spans` holds (from, to, class index) triples, line by line, and the triples of line
 * i are those from `lineStarts[i]` to `lineStarts[i + 1]`. Typed arrays move from the diff worker to the page without
 * a copy; a million little token objects took the page half a second to receive.
 */
export type PackedTokens = { classNames: string[]; lineStarts: Uint32Array; spans: Uint32Array };

/** The tokens of one line (0-based) of a packed text; undefined past its end. */
export function tokensOnLine(packed: PackedTokens | null, index: number): Token[] | undefined {
  if (!packed || index < 0 || index + 1 >= packed.lineStarts.length) return undefined;
  const tokens: Token[] = [];
  for (let at = packed.lineStarts[index] as number; at < (packed.lineStarts[index + 1] as number); at += 3) {
    tokens.push({ from: packed.spans[at] as number, to: packed.spans[at + 1] as number, className: packed.classNames[packed.spans[at + 2] as number] as string });
  }
  return tokens;
}

/** Per-line syntax tokens of `text` in the language of `path` (loaded on demand); null when there is none. */
export async function highlightLines(path: string, text: string): Promise<PackedTokens | null> {
  if (!text || text.length > MAX_HIGHLIGHT_CHARS) return null;
  const support = await languageFor(path);
  if (!support) return null;
  const tree = support.language.parser.parse(text);
  const starts = lineStarts(text);
  const packer = new TokenPacker(starts.length);
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
      if (end > at) packer.add(current, at - lineStart, end - lineStart, className);
      at = lineEnd + 1;
      current++;
      if (current >= starts.length) break;
    }
  });
  return packer.packed();
}

/** Collects tokens line by line (a token split across lines arrives for each line in order, never for an earlier one). */
class TokenPacker {
  private readonly classIndex = new Map<string, number>();
  private readonly spans: number[] = [];
  private readonly lineStarts: Uint32Array;
  private line = 0;

  constructor(lineCount: number) {
    this.lineStarts = new Uint32Array(lineCount + 1);
  }

  add(line: number, from: number, to: number, className: string): void {
    while (this.line < line) this.lineStarts[++this.line] = this.spans.length;
    let index = this.classIndex.get(className);
    if (index === undefined) this.classIndex.set(className, (index = this.classIndex.size));
    this.spans.push(from, to, index);
  }

  packed(): PackedTokens {
    while (this.line + 1 < this.lineStarts.length) this.lineStarts[++this.line] = this.spans.length;
    return { classNames: [...this.classIndex.keys()], lineStarts: this.lineStarts, spans: Uint32Array.from(this.spans) };
  }
}

/** Both sides of a diff highlighted for `path`'s language (nothing when `path` is empty). */
export async function highlightSides(path: string, before: string, after: string): Promise<SideTokens> {
  if (!path) return { old: null, new: null };
  const [oldTokens, newTokens] = await Promise.all([highlightLines(path, before), highlightLines(path, after)]);
  return { old: oldTokens, new: newTokens };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
