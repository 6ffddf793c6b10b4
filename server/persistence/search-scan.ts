/**
 * Matching text the search indexes have not reached yet (ADR 0197) as the indexes would match it, without tokenizing
 * it: a search scans that text with one regular expression per typed word instead of indexing it first on the loop.
 *
 * The word index (`unicode61 remove_diacritics 2`) keeps letters, digits, private-use characters and the combining
 * diacritics U+0300–U+036F as token characters (other marks, Arabic vowels among them, separate tokens), folds case,
 * drops those diacritics and folds precomposed Latin letters to their base (`café`, `cafe\u0301` → `cafe`; `ø`, `ł`,
 * `ß`, `ё`, `ή` stay as they are); a typed word is a phrase of its tokens, the last word's last token a prefix. The
 * trigram path ANDs a `LIKE` per word (ASCII-only case folding), which is what binds there.
 * `search-scan.test.ts` checks both against FTS5 itself.
 */

const DIACRITICS = "\\u0300-\\u036f";
const TOKEN_CHAR = new RegExp(`[\\p{L}\\p{N}\\p{Co}${DIACRITICS}]`, "u");
const TOKEN_CHARS = new RegExp(`[\\p{L}\\p{N}\\p{Co}${DIACRITICS}]+`, "gu");
const SEPARATORS = `[^\\p{L}\\p{N}\\p{Co}${DIACRITICS}]+`;
const MARKS = `[${DIACRITICS}]*`;
const LATIN = /[\u00c0-\u024f\u1e00-\u1eff]/u;

/** How the word index folds a token: lower case, precomposed Latin letters to their base, diacritics dropped. */
export function foldToken(token: string): string {
  let folded = "";
  for (const char of token.toLowerCase()) {
    const base = LATIN.test(char) ? char.normalize("NFD").replace(/[\u0300-\u036f]/gu, "") : char;
    folded += [...base].length === 1 ? base : char;
  }
  return folded.replace(/[\u0300-\u036f]/gu, "");
}

/** Precomposed Latin letters per the letter they fold to (`e` → `éèêë…`): FTS5 folds Latin accents, not Greek or Cyrillic ones. */
let variants: Map<string, string> | null = null;
function variantsOf(char: string): string {
  if (!variants) {
    variants = new Map();
    for (const [from, to] of [[0xc0, 0x24f], [0x1e00, 0x1eff]] as const) {
      for (let code = from; code <= to; code++) {
        const letter = String.fromCodePoint(code);
        const folded = foldToken(letter);
        if (folded !== letter.toLowerCase() && [...folded].length === 1) variants.set(folded, (variants.get(folded) ?? "") + letter);
      }
    }
  }
  return variants.get(char) ?? "";
}

const escapeForClass = (chars: string) => chars.replace(/[\\\]^-]/g, "\\$&");

/** One folded token as text that folds to it: each character or a letter with its accent, marks anywhere after. */
function tokenPattern(folded: string): string {
  return [...folded].map((char) => `[${escapeForClass(char + variantsOf(char))}]${MARKS}`).join("");
}

/** Where a found word lies: its match widened to the end of the token it begins, as FTS5 marks a prefix. */
export type TextRange = { from: number; to: number };

/** One pattern per typed word (null: the word holds no token, and matches nothing, as in FTS5). */
function wordPatterns(words: string[]): (RegExp | null)[] {
  return words.map((word) => {
    const tokens = (word.match(TOKEN_CHARS) ?? []).map(foldToken).filter((token) => token.length > 0);
    return tokens.length === 0 ? null : new RegExp(tokens.map(tokenPattern).join(SEPARATORS), "giu");
  });
}

/**
 * Whether `text` holds every typed word as the word index finds it (see the module's comment); `isWholeLast` asks the
 * last word to end where a token ends too (the "whole word first" ordering's test).
 */
export function wordMatcher(words: string[], { isWholeLast = false } = {}): (text: string) => boolean {
  const patterns = wordPatterns(words);
  return (text) => patterns.every((pattern, i) => pattern !== null && !tokenMatches(text, pattern, !isWholeLast && i === patterns.length - 1).next().done);
}

/** Every place a typed word is found in `text` (the last as a prefix), for marking a hit's excerpt. */
export function wordRanges(text: string, words: string[]): TextRange[] {
  return wordPatterns(words).flatMap((pattern, i) => (pattern ? [...tokenMatches(text, pattern, i === words.length - 1)] : []));
}

/** Matches that start where a token starts and, unless `isPrefix`, end where one ends (a prefix is widened to it). */
function* tokenMatches(text: string, pattern: RegExp, isPrefix: boolean): Generator<TextRange> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    let end = match.index + match[0].length;
    const startsToken = match.index === 0 || !TOKEN_CHAR.test(charBefore(text, match.index));
    const isTokenEnd = (at: number) => at >= text.length || !TOKEN_CHAR.test(String.fromCodePoint(text.codePointAt(at) ?? 0));
    if (startsToken && (isPrefix || isTokenEnd(end))) {
      while (!isTokenEnd(end)) end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
      yield { from: match.index, to: end };
      pattern.lastIndex = end;
    } else pattern.lastIndex = match.index + 1;
  }
}

function charBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  const isLowSurrogate = low >= 0xdc00 && low <= 0xdfff && index >= 2;
  return isLowSurrogate ? text.slice(index - 2, index) : text.slice(index - 1, index);
}

/** Whether `text` holds every word as SQLite's `LIKE '%word%'` finds it: case folded for ASCII letters only. */
export function substringMatcher(words: string[]): (text: string) => boolean {
  const patterns = words.map(
    (word) =>
      new RegExp(
        [...word].map((char) => (/[a-z]/i.test(char) ? `[${char.toLowerCase()}${char.toUpperCase()}]` : char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))).join(""),
        "u",
      ),
  );
  return (text) => patterns.every((pattern) => pattern.test(text));
}
