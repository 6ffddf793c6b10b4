import { diffTextLines } from "./diff-model.ts";
import { highlightSides, type SideTokens } from "./highlight.ts";
import { packLines, type PackedLines } from "./packed-lines.ts";

/** What the page asks of the worker: the line diff of two texts, highlighted for `path`'s language. */
export type DiffLinesRequest = { before: string; after: string; path: string };
/** What the worker answers: the diff's lines first, then their syntax tokens; or why it could not. */
export type DiffLinesResponse = { lines: PackedLines } | { tokens: SideTokens } | { error: string };

/**
 * Works out a large diff, and parses both texts for highlighting, away from the page's main thread, so typing and
 * scrolling go on while it runs. The lines go first: the diff shows while its highlighting is still parsed.
 */
self.onmessage = async (event: MessageEvent<DiffLinesRequest>) => {
  const { before, after, path } = event.data;
  try {
    const lines = packLines(diffTextLines(before, after));
    self.postMessage({ lines: lines.packed } satisfies DiffLinesResponse, { transfer: lines.transfer });
    const tokens = await highlightSides(path, before, after);
    // The packed tokens' buffers are handed over, not copied.
    const buffers = [tokens.old, tokens.new].flatMap((side) => (side ? [side.lineStarts.buffer, side.spans.buffer] : []));
    self.postMessage({ tokens } satisfies DiffLinesResponse, { transfer: buffers });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies DiffLinesResponse);
  }
};
