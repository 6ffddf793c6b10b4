import type { Segment } from "./diff-model.ts";
import type { Token } from "./highlight.ts";

/** One line's text with syntax token classes and, for edited lines, the changed words marked. */
export function LineContent({ text, tokens, words, tone }: { text: string; tokens: Token[] | undefined; words: Segment[] | null; tone: "add" | "del" | null }) {
  if (!tokens?.length && !words) return <>{text || " "}</>;
  const changed = changedRanges(words);
  const cuts = new Set([0, text.length]);
  for (const t of tokens ?? []) cuts.add(t.from).add(t.to);
  for (const [from, to] of changed) cuts.add(from).add(to);
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const mark = tone === "add" ? "diff-word-add" : "diff-word-del";
  return (
    <>
      {points.slice(0, -1).map((from, i) => {
        const to = points[i + 1] as number;
        const token = tokens?.find((t) => t.from <= from && t.to >= to);
        const isChanged = changed.some(([a, b]) => a <= from && b >= to);
        const className = [token?.className, isChanged ? mark : null].filter(Boolean).join(" ");
        return className ? <span key={from} className={className}>{text.slice(from, to)}</span> : text.slice(from, to);
      })}
    </>
  );
}

function changedRanges(words: Segment[] | null): [number, number][] {
  if (!words) return [];
  const ranges: [number, number][] = [];
  let at = 0;
  for (const word of words) {
    if (word.isChanged) ranges.push([at, at + word.text.length]);
    at += word.text.length;
  }
  return ranges;
}
