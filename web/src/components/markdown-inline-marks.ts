/**
 * What a paragraph leaves open after one more line, as bits: a code span (an odd number of backtick runs), emphasis
 * by `*`, `_` or `~~` (a run that can open, not yet closed by one that can close), a link's text (`[` not yet closed),
 * counted above the bits. An approximation of CommonMark's rules, good enough to tell where a long block may be cut
 * into pieces without showing a mark literally (MarkdownBlocks, ADR 0044).
 */
export function openMarks(line: string, open: number): number {
  let marks = open;
  let brackets = marks >> 4;
  marks &= 0b1111;
  for (let at = 0; at < line.length; at++) {
    const char = line[at] as string;
    // A backslash escapes the next mark, but not inside a code span, where it is itself.
    if (char === "\\" && !(marks & 1)) {
      at++;
      continue;
    }
    const bit = char === "`" ? 1 : char === "*" ? 2 : char === "_" ? 4 : char === "~" ? 8 : 0;
    if (bit === 0) {
      if (marks & 1) continue;
      if (char === "[") brackets++;
      else if (char === "]" && brackets > 0) brackets--;
      continue;
    }
    let end = at;
    while (line[end + 1] === char) end++;
    const before = line[at - 1] ?? " ";
    const after = line[end + 1] ?? " ";
    const length = end - at + 1;
    at = end;
    // Inside a code span only a backtick run counts; a single tilde is a path's or an approximation's (~/src, ~5).
    if ((marks & 1 && bit !== 1) || (bit === 8 && length < 2)) continue;
    if (bit === 1) {
      marks ^= bit;
      continue;
    }
    // A run opens when a word follows it and closes when one precedes it (`_` not inside a word either way).
    const canOpen = !/\s/.test(after) && !(bit === 4 && /[\p{L}\p{N}]/u.test(before));
    const canClose = !/\s/.test(before) && !(bit === 4 && /[\p{L}\p{N}]/u.test(after));
    if (marks & bit && canClose) marks &= ~bit;
    else if (canOpen) marks |= bit;
  }
  return marks | (brackets << 4);
}
