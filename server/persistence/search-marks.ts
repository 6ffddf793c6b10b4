/** Marks around a matched term inside a snippet (control characters never found in message text we index). */
export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

type Range = { from: number; to: number };

/**
 * FTS5 marks tokens, and punctuation is not part of any token: `foo(bar)` searched came back as `[foo(bar])`, the
 * mark one character short. Each mark is widened to every place in the snippet where a word as typed overlaps it, so
 * what the user typed is what is marked. Offsets are taken on the snippet's own JS string (never FTS5's byte offsets),
 * so emoji, CJK and accents cannot shift them.
 * @example widenToTypedWords("call \u0002foo(bar\u0003) now", ["foo(bar)"]) // "call \u0002foo(bar)\u0003 now"
 */
export function widenToTypedWords(snippet: string, words: string[]): string {
  const { plain, marked } = unmark(snippet);
  const typed = occurrences(plain, words);
  const widened = marked.map((range) => typed.filter((place) => place.from < range.to && range.from < place.to).reduce(union, range));
  return mark(plain, widened);
}

/** Every place (whatever the case) where one of the words occurs, for an excerpt FTS5 did not mark. */
export function markWords(text: string, words: string[]): string {
  return mark(text, occurrences(text, words));
}

function occurrences(text: string, words: string[]): Range[] {
  const alternatives = words.filter(Boolean).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (alternatives.length === 0) return [];
  return [...text.matchAll(new RegExp(alternatives.join("|"), "giu"))].map((match) => ({ from: match.index, to: match.index + match[0].length }));
}

function unmark(snippet: string): { plain: string; marked: Range[] } {
  const marked: Range[] = [];
  let plain = "";
  let from = -1;
  for (const char of snippet) {
    if (char === MATCH_START) from = plain.length;
    else if (char === MATCH_END && from >= 0) {
      marked.push({ from, to: plain.length });
      from = -1;
    } else plain += char;
  }
  return { plain, marked };
}

/** The text with the ranges marked; ranges that overlap become one mark (touching ones stay two, as FTS5 marks them). */
export function mark(text: string, ranges: Range[]): string {
  const merged: Range[] = [];
  for (const range of [...ranges].sort((a, b) => a.from - b.from)) {
    const last = merged.at(-1);
    if (last && range.from < last.to) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  let out = "";
  let at = 0;
  for (const { from, to } of merged) {
    out += `${text.slice(at, from)}${MATCH_START}${text.slice(from, to)}${MATCH_END}`;
    at = to;
  }
  return out + text.slice(at);
}

function union(a: Range, b: Range): Range {
  return { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) };
}
