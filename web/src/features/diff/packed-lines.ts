import { splitLines, type DiffLine, type Segment } from "./diff-model.ts";

/**
 * A diff's lines as the worker hands them to the page: typed arrays that move without a copy, in place of a hundred
 * thousand objects that took the page longer to receive than the worker took to compute. A line's numbers follow
 * from the kinds before it, and its text is the page's own copy of the texts, so neither is sent.
 * A kind has {@link HAS_WORDS} set when the line has changed words marked; `wordSpans` holds their (length,
 * isChanged) pairs, and those of line i run from `wordStarts[i]` to `wordStarts[i + 1]`.
 */
export type PackedLines = { kinds: Uint8Array; wordStarts: Uint32Array; wordSpans: Uint32Array };

const KINDS = ["context", "add", "del"] as const;
const HAS_WORDS = 4;

/** Packs lines for the trip to the page; `transfer` lists the buffers to hand over. */
export function packLines(lines: DiffLine[]): { packed: PackedLines; transfer: ArrayBuffer[] } {
  const kinds = new Uint8Array(lines.length);
  const wordStarts = new Uint32Array(lines.length + 1);
  const spans: number[] = [];
  lines.forEach((line, i) => {
    kinds[i] = KINDS.indexOf(line.kind) | (line.words ? HAS_WORDS : 0);
    wordStarts[i] = spans.length;
    for (const segment of line.words ?? []) spans.push(segment.text.length, segment.isChanged ? 1 : 0);
  });
  wordStarts[lines.length] = spans.length;
  const packed = { kinds, wordStarts, wordSpans: Uint32Array.from(spans) };
  return { packed, transfer: [kinds.buffer, wordStarts.buffer, packed.wordSpans.buffer] };
}

/** The lines again, numbered and with their text, from the packed form and the two texts the diff was made of. */
export function unpackLines({ kinds, wordStarts, wordSpans }: PackedLines, before: string, after: string): DiffLine[] {
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  const lines: DiffLine[] = [];
  let oldNo = 1;
  let newNo = 1;
  for (let i = 0; i < kinds.length; i++) {
    const kind = KINDS[(kinds[i] as number) & ~HAS_WORDS] as DiffLine["kind"];
    const text = (kind === "add" ? newLines[newNo - 1] : oldLines[oldNo - 1]) ?? "";
    const line: DiffLine = { kind, oldNo: kind === "add" ? null : oldNo++, newNo: kind === "del" ? null : newNo++, text, words: null };
    if ((kinds[i] as number) & HAS_WORDS) line.words = segmentsOf(text, wordSpans, wordStarts[i] as number, wordStarts[i + 1] as number);
    lines.push(line);
  }
  return lines;
}

function segmentsOf(text: string, spans: Uint32Array, from: number, to: number): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (let k = from; k < to; k += 2) {
    const length = spans[k] as number;
    segments.push({ text: text.slice(at, at + length), isChanged: spans[k + 1] === 1 });
    at += length;
  }
  return segments;
}
