/**
 * Short titles that read as whole phrases: never cut inside a word, never ending on a word that promises more
 * ("Busy API on the" becomes "Busy API").
 */

/** Titles are a few words; a model's answer or a prompt longer than this is cut at a phrase or word boundary. */
export const MAX_TITLE_WORDS = 7;
const MAX_TITLE_CHARS = 60;

/**
 * Words a whole title does not end on: articles, prepositions, conjunctions, pronouns and auxiliaries that need
 * what follows them.
 */
const DANGLING = new Set(
  (
    "a an the this that these those my your our its their his her some any each every no " +
    "of in on at to for from with without by about into onto over under after before between through during against " +
    "across along around behind beyond near per than toward towards upon via within " +
    "and or but nor so yet if then because while when where which who whom whose what how why " +
    "is are was were be been being am do does did has have had can could should would will shall may might must " +
    "i we he she they please just also very really not"
  ).split(" "),
);

/** Punctuation that ends a phrase: a title taken from a prompt stops at the first one past its opening words. */
const PHRASE_END = /[.!?;:,()[\]{}—–]|\s-\s/;

/** The model's answer made a title: its first line, no quotes or markdown, cut to a whole short phrase. */
export function cleanTitle(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return wholePhrase(line.replace(/[*_#`]+/g, "").trim().replace(/^(title|answer)\s*:\s*/i, ""));
}

/** A title from the prompt itself (shown until the model's arrives): its first phrase, cut to a few whole words. */
export function titleFromPrompt(prompt: string): string {
  const words = prompt.replace(/@@\S+/g, " ").trim().split(/\s+/);
  // The first clause when it is long enough to name something; otherwise the first words.
  const clause = firstClause(words.join(" "));
  return wholePhrase(clause.split(/\s+/).length >= 2 ? clause : words.join(" "));
}

function firstClause(text: string): string {
  const end = text.search(PHRASE_END);
  return end > 0 ? text.slice(0, end) : text;
}

/**
 * At most {@link MAX_TITLE_WORDS} whole words and {@link MAX_TITLE_CHARS} characters, without surrounding quotes,
 * markdown or a final period, and without dangling words at the end. Empty when nothing is left.
 */
export function wholePhrase(text: string): string {
  const stripped = trimEnd(text.trim().replace(/^["'`#*_\s>-]+/, ""), /["'`*_\s.,;:!?-]/);
  const words = stripped.split(/\s+/).filter(Boolean);
  const kept: string[] = [];
  for (const word of words) {
    if (kept.length >= MAX_TITLE_WORDS || [...kept, word].join(" ").length > MAX_TITLE_CHARS) break;
    kept.push(word);
  }
  // One run of characters without spaces (Chinese, Japanese, a long path) is cut where it must be.
  if (kept.length === 0 && words[0]) return `${words[0].slice(0, MAX_TITLE_CHARS - 1)}…`;
  // A phrase ends where a phrase can end: no dangling words, no hanging punctuation.
  while (kept.length > 1 && DANGLING.has(bare(kept.at(-1)!))) kept.pop();
  return kept.join(" ").replace(/["'`*_\s.,;:!?(-]+$/g, "");
}

function bare(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}\p{N}']/gu, "");
}

/**
 * `text` without the characters `isStripped` matches at its end. A `[…]+$` pattern does the same in a regular
 * expression engine by trying from every position of a run of such characters: a prompt with a long run of them in
 * the middle (a pasted "____" or "----" rule of 40,000 characters) held the server's event loop for seconds.
 */
function trimEnd(text: string, isStripped: RegExp): string {
  let end = text.length;
  while (end > 0 && isStripped.test(text[end - 1] ?? "")) end -= 1;
  return text.slice(0, end);
}
