/**
 * A long answer as a model writes one: paragraphs of prose with inline code and bold, headings, lists, and fenced
 * TypeScript blocks, deterministic for a given size. Cut into deltas of about `deltaBytes` at arbitrary places (a
 * delta may end mid-word, mid-fence or mid-line, as token batches do).
 */
const WORDS = "the server streams each delta to every device while the page folds them into one render per frame and keeps finished blocks as they are so work stays flat however long the answer grows".split(" ");

function* pieces(seed: number): Generator<string> {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) & 0x7fffffff) % n);
  const sentence = () => {
    const words = Array.from({ length: 8 + next(14) }, () => WORDS[next(WORDS.length)] as string);
    if (next(3) === 0) words[next(words.length)] = `\`${WORDS[next(WORDS.length)]}()\``;
    if (next(4) === 0) words[next(words.length)] = `**${WORDS[next(WORDS.length)]}**`;
    return `${words.join(" ").replace(/^./, (c) => c.toUpperCase())}.`;
  };
  for (let section = 1; ; section++) {
    yield `## Part ${section}\n\n`;
    for (let p = 0; p < 3 + next(3); p++) yield `${Array.from({ length: 2 + next(4) }, sentence).join(" ")}\n\n`;
    if (next(2) === 0) yield `${Array.from({ length: 3 + next(4) }, (_, i) => `${i + 1}. ${sentence()}`).join("\n")}\n\n`;
    if (next(2) === 0) {
      const lines = Array.from({ length: 4 + next(10) }, (_, i) => `  const value${i} = frame.delta.length * ${i}; // ${WORDS[next(WORDS.length)]}`);
      yield `\`\`\`ts\nfunction step${section}(frame: { delta: string }) {\n${lines.join("\n")}\n}\n\`\`\`\n\n`;
    }
  }
}

/** Starts the marker that ends every answer (the rest is a nonce the user's message carries). */
export const MARKER_PREFIX = "END-OF-ANSWER-";

/**
 * The shapes of answer the bench streams: `mixed` (paragraphs, lists, fences: many small blocks), or one block that
 * stays open to the end — `fence` (one code fence never closed), `paragraph` (one paragraph of soft-wrapped lines),
 * `list` (one tight numbered list).
 */
export const SHAPES = ["mixed", "fence", "paragraph", "list"] as const;
export type Shape = (typeof SHAPES)[number];

/** One long open block: the fence's lines, the paragraph's lines, or the list's items, in that block's syntax. */
function* openBlock(shape: Exclude<Shape, "mixed">, seed: number): Generator<string> {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) & 0x7fffffff) % n);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[next(WORDS.length)] as string).join(" ");
  if (shape === "fence") yield "```ts\n";
  for (let i = 1; ; i++) {
    if (shape === "fence") {
      yield i % 12 === 0 ? `}\nfunction step${i}(frame: { delta: string }): number {\n` : `  const value${i} = frame.delta.length * ${i} + "${words(2)}".length; // ${words(3)}\n`;
    } else if (shape === "paragraph") {
      yield `${words(6 + next(8))} \`${WORDS[next(WORDS.length)]}()\` and **${words(1)}** ${words(4)}.\n`;
    } else {
      yield `${i}. ${words(6 + next(8))} with \`${WORDS[next(WORDS.length)]}()\` and **${words(1)}**.\n`;
    }
  }
}

/** The deltas of an answer ≈ `bytes` long; the last one is `The end: END-OF-ANSWER-<nonce>`. */
export function markdownAnswer(bytes: number, deltaBytes: number, nonce: string, shape: Shape = "mixed"): string[] {
  let text = "";
  for (const piece of shape === "mixed" ? pieces(42) : openBlock(shape, 42)) {
    if (text.length + piece.length > bytes) break;
    text += piece;
  }
  const deltas: string[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = Math.max(1, deltaBytes + ((i * 7919) % deltaBytes) - Math.floor(deltaBytes / 2));
    deltas.push(text.slice(at, at + size));
    at += size;
  }
  // The marker arrives whole in the last delta, so a page can tell the moment it shows the end.
  deltas.push(`The end: ${MARKER_PREFIX}${nonce}`);
  return deltas;
}
