import { diffArrays } from "diff";

/** A run of lines that are in both texts, only in the old one (`removed`) or only in the new one (`added`). */
export type LinePart = { value: string[]; added: boolean; removed: boolean };

/**
 * Past this many edits in one region the exact (Myers) diff gives up: its cost grows with lines × edits, and a file
 * rewritten end to end took seconds. The region is then split at lines that occur once in each text (patience diff),
 * and what has no such anchor is shown as removed-then-added.
 */
const EXACT_EDIT_LIMIT = 200;

/** The line diff of two texts' lines: exact where it is cheap, patience-anchored where it would not be. */
export function diffLines(a: readonly string[], b: readonly string[]): LinePart[] {
  const parts: LinePart[] = [];
  diffRange(a, b, parts);
  return parts;
}

function push(parts: LinePart[], value: readonly string[], added: boolean, removed: boolean): void {
  if (value.length === 0) return;
  const last = parts.at(-1);
  // A loop, not `push(...value)`: as many arguments as a huge file has lines overflowed the stack.
  if (last && last.added === added && last.removed === removed) for (const line of value) last.value.push(line);
  else parts.push({ value: [...value], added, removed });
}

function diffRange(a: readonly string[], b: readonly string[], parts: LinePart[]): void {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  push(parts, a.slice(0, prefix), false, false);
  diffMiddle(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix), parts);
  push(parts, a.slice(a.length - suffix), false, false);
}

function diffMiddle(a: readonly string[], b: readonly string[], parts: LinePart[]): void {
  if (a.length === 0 || b.length === 0) {
    push(parts, a, false, true);
    push(parts, b, true, false);
    return;
  }
  const exact = diffArrays(a as string[], b as string[], { maxEditLength: EXACT_EDIT_LIMIT });
  if (exact) {
    for (const part of exact) push(parts, part.value, Boolean(part.added), Boolean(part.removed));
    return;
  }
  const anchors = uniqueAnchors(a, b);
  if (anchors.length === 0) {
    push(parts, a, false, true);
    push(parts, b, true, false);
    return;
  }
  let fromA = 0;
  let fromB = 0;
  for (const [atA, atB] of anchors) {
    diffRange(a.slice(fromA, atA), b.slice(fromB, atB), parts);
    push(parts, [a[atA] as string], false, false);
    fromA = atA + 1;
    fromB = atB + 1;
  }
  diffRange(a.slice(fromA), b.slice(fromB), parts);
}

/** Lines found exactly once in each text, in an order both texts agree on (longest increasing run): [indexA, indexB]. */
function uniqueAnchors(a: readonly string[], b: readonly string[]): [number, number][] {
  const seen = new Map<string, { countA: number; countB: number; atA: number; atB: number }>();
  a.forEach((line, i) => {
    const entry = seen.get(line) ?? { countA: 0, countB: 0, atA: i, atB: -1 };
    entry.countA++;
    seen.set(line, entry);
  });
  b.forEach((line, i) => {
    const entry = seen.get(line);
    if (!entry) return;
    entry.countB++;
    entry.atB = i;
  });
  const pairs = [...seen.values()].filter((e) => e.countA === 1 && e.countB === 1).map((e): [number, number] => [e.atA, e.atB]);
  pairs.sort((x, y) => x[0] - y[0]);
  return longestIncreasing(pairs);
}

/** The longest subsequence of `pairs` (sorted by their first index) whose second indexes increase. */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(pairs.length).fill(-1);
  pairs.forEach(([, atB], i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[tails[mid] as number] as [number, number])[1] < atB) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  });
  const out: [number, number][] = [];
  for (let i = tails.at(-1) ?? -1; i !== -1; i = previous[i] as number) out.push(pairs[i] as [number, number]);
  return out.reverse();
}
