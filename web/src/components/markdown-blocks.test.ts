import { describe, expect, it } from "vitest";
import { appendToLog, type TextLog } from "../lib/text-log.ts";
import { BLOCKS_PER_CHUNK, fenceChunks, FENCE_LINES_PER_CHUNK, MarkdownBlocks, MAX_PIECE_CHARS, PIECE_CHARS, piecesOf, splitMarkdownBlocks as blocks, withDefinitions, type OpenBlock } from "./markdown-blocks.ts";

/** Streams `text` into one split in pieces of `size` and returns the split. */
function streamed(text: string, size: number): MarkdownBlocks {
  const split = new MarkdownBlocks();
  for (let at = size; at < text.length + size; at += size) split.update(text.slice(0, at));
  return split;
}

describe("splitMarkdownBlocks", () => {
  it("splits paragraphs and headings at blank lines", () => {
    expect(blocks("# Title\n\nOne\ntwo\n\nThree\n")).toEqual(["# Title", "One\ntwo", "Three"]);
  });

  it("keeps a fenced code block with blank lines whole", () => {
    const text = "Intro\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter\n";
    expect(blocks(text)).toEqual(["Intro", "```ts\nconst a = 1;\n\nconst b = 2;\n```", "After"]);
  });

  it("keeps a loose list and indented continuations in one block", () => {
    const text = "- one\n\n- two\n\n  more of two\n\n1. next list\n\nEnd\n";
    expect(blocks(text)).toEqual(["- one\n\n- two\n\n  more of two\n\n1. next list", "End"]);
  });

  it("decides on complete lines only: a half-written line stays in the last block", () => {
    expect(blocks("Para\n\n``")).toEqual(["Para\n\n``"]);
    expect(blocks("Para\n\n```\ncode\n\nmore")).toEqual(["Para", "```\ncode\n\nmore"]);
  });

  it("closes a fence only with the same mark, at least as long, and nothing after it (CommonMark)", () => {
    const longer = "````md\n```\n\nnot the end\n````\n\nAfter\n";
    expect(blocks(longer)).toEqual(["````md\n```\n\nnot the end\n````", "After"]);
    const tildes = "~~~\n```\n\nstill code\n~~~\n\nAfter\n";
    expect(blocks(tildes)).toEqual(["~~~\n```\n\nstill code\n~~~", "After"]);
    const info = "```ts\n```ts\n\nstill code\n```\n\nAfter\n";
    expect(blocks(info)).toEqual(["```ts\n```ts\n\nstill code\n```", "After"]);
  });

  it("does not take inline code of three backticks with a backtick after it for a fence", () => {
    expect(blocks("```a` b```\n\nNext\n")).toEqual(["```a` b```", "Next"]);
  });

  it("starts over when the text is not an extension of the previous one", () => {
    const split = new MarkdownBlocks().update("One\n\nTwo\n");
    expect(split.update("Other\n").blocks).toEqual(["Other"]);
  });
});

describe("MarkdownBlocks while a text streams", () => {
  const answer = [
    "# A",
    "Text one with `code`",
    "```ts\nconst x = 1;\n\n\nconst y = 2;\n```",
    "- a\n\n- b\n\n  more b",
    "````\n```\n\n````",
    "> quote\n> more",
    "Last para\nwith two lines",
  ].join("\n\n");

  it("gives the same blocks as a split of the whole text, in pieces of any size (fences spanning pieces too)", () => {
    for (const size of [1, 2, 3, 7, 16, 100]) expect(streamed(`${answer}\n`, size).blocks, `pieces of ${size}`).toEqual(blocks(`${answer}\n`));
    expect(blocks(`${answer}\n`)).toHaveLength(7);
  });

  it("never changes a closed block and keeps a full chunk's array once it is full", () => {
    const paragraphs = Array.from({ length: BLOCKS_PER_CHUNK * 2 + 5 }, (_, i) => `Paragraph ${i}.`);
    const text = `${paragraphs.join("\n\n")}\n`;
    const split = new MarkdownBlocks();
    const seen: (readonly string[])[] = [];
    for (let at = 5; at < text.length + 5; at += 5) {
      split.update(text.slice(0, at));
      const full = split.chunks.filter((chunk) => chunk.length === BLOCKS_PER_CHUNK);
      for (const [i, chunk] of seen.entries()) expect(full[i]).toBe(chunk);
      seen.splice(0, seen.length, ...full);
    }
    expect(seen).toHaveLength(2);
    expect(split.blocks).toEqual(paragraphs);
    expect(split.tail).toBe(`Paragraph ${paragraphs.length - 1}.`);
  });

  it("closes the open block once the next one starts on a complete line", () => {
    const split = new MarkdownBlocks().update("Closed one\n\nClosed two\n\nOpen");
    expect(split.chunks).toEqual([["Closed one"]]);
    expect(split.tail).toBe("Closed two\n\nOpen");
    expect(split.update("Closed one\n\nClosed two\n\nOpen and more\n\n").tail).toBe("Open and more");
    expect(split.chunks).toEqual([["Closed one", "Closed two"]]);
  });
});

/** Long open blocks as a model writes them: one code fence never closed, one paragraph, one tight list. */
const longFence = `\`\`\`ts\n${Array.from({ length: 300 }, (_, i) => (i % 20 === 19 ? "" : `  const value${i} = frame.delta.length * ${i}; // note ${i}`)).join("\n")}\nconst last = 1;`;
const longParagraph = Array.from({ length: 200 }, (_, i) => `Line ${i} of one paragraph with \`code\` and **bold ${i}**.`).join("\n");
const longList = Array.from({ length: 200 }, (_, i) => `${i + 1}. Item ${i} with \`code\` and **bold**.`).join("\n");
const fenceInBlock = `Intro line\n${longFence.replace("```ts", "````ts")}\n\`\`\`\`\nAfter the fence\n${longParagraph}`;

/** The open block's text put back together from its pieces (blank lines between pieces are not kept). */
function joined(open: OpenBlock): string {
  const fence = open.fence ? [`${open.fence.opener}\n${open.fence.chunks.flat().join("")}${open.fence.tail}`] : [];
  return [...open.pieces.flat(), ...fence, open.rest].filter((piece) => piece !== "").join("\n");
}

describe("MarkdownBlocks' open block while a text streams", () => {
  it("shows the same pieces streamed in pieces of any size as for the whole text, and loses no text", () => {
    for (const text of [longFence, longParagraph, longList, fenceInBlock, `# Title\n\n${longList}\n\nThe end`]) {
      const whole = new MarkdownBlocks().update(text);
      expect(joined(whole.open).replace(/\n+/g, "\n")).toBe(whole.tail.replace(/\n+/g, "\n"));
      for (const size of [1, 2, 7, 16, 100]) expect(streamed(text, size).open, `pieces of ${size}`).toEqual(whole.open);
    }
  });

  it("cuts a long fence into chunks of lines and a paragraph or list into pieces that never change once made", () => {
    const fence = new MarkdownBlocks().update(longFence).open;
    expect(fence.pieces.flat()).toEqual([]);
    expect(fence.fence?.opener).toBe("```ts");
    expect(fence.fence?.chunks.flat()).toHaveLength(Math.floor(300 / FENCE_LINES_PER_CHUNK));
    for (const chunk of fence.fence?.chunks.flat() ?? []) expect(chunk.split("\n")).toHaveLength(FENCE_LINES_PER_CHUNK + 1);
    for (const text of [longParagraph, longList]) {
      const split = new MarkdownBlocks();
      let seen: readonly string[] = [];
      for (let at = 40; at < text.length + 40; at += 40) {
        const { pieces: groups, rest } = split.update(text.slice(0, at)).open;
        const pieces = groups.flat();
        for (const [i, piece] of seen.entries()) expect(pieces[i]).toBe(piece);
        // A full group keeps its array.
        for (const group of groups.slice(0, -1)) expect(group).toHaveLength(BLOCKS_PER_CHUNK);
        expect(rest.length).toBeLessThan(PIECE_CHARS + 100);
        seen = pieces;
      }
      expect(seen.length).toBeGreaterThan(5);
      for (const piece of seen) expect(piece.length).toBeLessThan(PIECE_CHARS + 100);
    }
  });

  it("starts a piece at a fence in the block, keeps a closed fence whole, and starts over at the next block", () => {
    const split = new MarkdownBlocks().update(fenceInBlock);
    expect(split.open.pieces.flat()[0]).toBe("Intro line");
    expect(split.open.pieces.flat()[1]).toBe(`${longFence.replace("```ts", "````ts")}\n\`\`\`\``);
    expect(split.update(`${fenceInBlock}\n\nNext block\n`).open).toEqual({ pieces: [], fence: null, rest: "Next block" });
  });

  it("cuts a paragraph only where no emphasis, code span or link is left open, and at the latest after MAX_PIECE_CHARS", () => {
    const words = "word ".repeat(PIECE_CHARS / 5);
    for (const [opener, closer] of [["**bold", "still bold**"], ["_stress", "ends_"], ["`code", "span`"], ["[link", "text](https://example.com)"], ["~~struck", "out~~"]]) {
      const text = `${words}${opener}\n${closer} and on\nNext line\n`;
      const pieces = new MarkdownBlocks().update(text).open.pieces.flat();
      expect(pieces, opener).toEqual([`${words}${opener}\n${closer} and on`]);
      expect(streamed(text, 7).open, opener).toEqual(new MarkdownBlocks().update(text).open);
    }
    // Marks that open nothing: a spaced star, snake_case, a path's tilde, an escaped star, a closed pair.
    const plain = `${words}2 * 3 is snake_case_name in ~/src, \\*not* and *closed* and \`C:\\\`\nNext line\n`;
    expect(new MarkdownBlocks().update(plain).open.pieces.flat()).toEqual([plain.split("\nNext")[0]]);
    // A list item, a heading or a blank line starts afresh: emphasis never spans them.
    const list = `- ${words}an *open star\n- next item\n`;
    expect(new MarkdownBlocks().update(list).open.pieces.flat()).toEqual([`- ${words}an *open star`]);
    const neverClosed = `**${"word ".repeat(20)}\n`.repeat(Math.ceil((4 * PIECE_CHARS) / 100) + 4);
    const pieces = new MarkdownBlocks().update(neverClosed).open.pieces.flat();
    expect(pieces.length).toBeGreaterThan(0);
    for (const piece of pieces) expect(piece.length).toBeLessThan(MAX_PIECE_CHARS + 200);
  });

  it("does not cut before a table row or a setext underline", () => {
    const long = "word ".repeat(PIECE_CHARS / 4);
    expect(new MarkdownBlocks().update(`${long}\n| a | b |\n===\n`).open.pieces.flat()).toEqual([]);
    expect(new MarkdownBlocks().update(`${long}\nNext line\n`).open.pieces.flat()).toEqual([long]);
  });
});

describe("MarkdownBlocks fed a streamed text's deltas (updateFrom)", () => {
  it("reads only the new deltas and gives the same split as the whole text; starts over on a log it has not seen", () => {
    const text = `${longParagraph}\n\n${longFence}`;
    const split = new MarkdownBlocks();
    let log: TextLog | null = null;
    for (let at = 0, size = 1; at < text.length; size = (size * 37) % 100 + 1) {
      log = appendToLog(log, text.slice(at, at + size));
      at += size;
      split.updateFrom(text.slice(0, at), log);
    }
    const whole = new MarkdownBlocks().update(text);
    expect(split.blocks).toEqual(whole.blocks);
    expect(split.open).toEqual(whole.open);
    // A reset (a new log) starts over from the text.
    expect(split.updateFrom("Other", appendToLog(null, "Other")).blocks).toEqual(["Other"]);
  });
});

describe("link reference definitions across blocks", () => {
  const text = "See [the docs][docs] and [home].\n\n```md\n[fake]: https://not.a/definition\n```\n\nText\n[inline]: https://continues.the/paragraph\n\n[docs]: https://example.com/docs\n[home]: <https://example.com> \"Home\"\n";

  it("collects the definitions that start a paragraph or follow one, not those in a fence or a paragraph, streamed or whole", () => {
    const expected = '[docs]: https://example.com/docs\n[home]: <https://example.com> "Home"';
    expect(new MarkdownBlocks().update(text).definitions).toBe(expected);
    for (const size of [1, 3, 17]) expect(streamed(text, size).definitions).toBe(expected);
  });

  it("adds them only to a block that may use one", () => {
    expect(withDefinitions("See [the docs][docs].", "[docs]: /d")).toBe("See [the docs][docs].\n\n[docs]: /d");
    expect(withDefinitions("A [link](/x) and `code`.", "[docs]: /d")).toBe("A [link](/x) and `code`.");
    expect(withDefinitions("See [docs].", "")).toBe("See [docs].");
  });
});

describe("a long block shown in pieces for good (ADR 0044)", () => {
  const list = Array.from({ length: 120 }, (_, i) => `- item ${i} with some words`).join("\n");
  const code = Array.from({ length: 70 }, (_, i) => `let v${i} = ${i};`).join("\n");

  it("piecesOf gives a whole block the pieces a stream of it showed, plus the rest as its last piece", () => {
    const whole = piecesOf(list);
    const open = streamed(list, 37).open;
    expect(whole.pieces.flat().slice(0, open.pieces.flat().length)).toEqual(open.pieces.flat());
    expect([...whole.pieces.flat(), whole.rest].filter((piece) => piece !== "").join("\n")).toBe(list);
    expect(whole.fence).toBeNull();
  });

  it("numbers the pieces of a numbered list as the whole list counts, also when every item says 1. and while it streams", () => {
    for (const [numberOf, separator] of [[() => "1.", "\n"], [(i: number) => `${i + 7})`, "\n"], [() => "7)", "\n\n"]] as const) {
      const text = Array.from({ length: 120 }, (_, i) => `${numberOf(i)} item ${i} with some words`).join(separator);
      const start = Number.parseInt(text, 10);
      for (const open of [piecesOf(text), streamed(text, 29).open]) {
        const pieces = [...open.pieces.flat(), open.rest].filter((piece) => piece !== "");
        expect(pieces.length).toBeGreaterThan(3);
        let items = 0;
        for (const piece of pieces) {
          expect(Number.parseInt(piece, 10)).toBe(start + items);
          items += piece.split("\n").filter((line) => /^\d+[.)] /.test(line)).length;
        }
        expect(items).toBe(120);
      }
      expect(blocks(text)).toEqual([text]);
    }
  });

  it("fenceChunks cuts a closed fence into the chunks of lines its stream showed", () => {
    const fence = `\`\`\`ts\n${code}\n\`\`\``;
    const streaming = streamed(`\`\`\`ts\n${code}\n`, 23).open.fence;
    const chunks = fenceChunks(fence);
    expect(chunks?.opener).toBe("```ts");
    expect(chunks?.chunks).toEqual(streaming?.chunks);
    expect(chunks?.tail).toBe(streaming?.tail);
    expect(`${chunks?.chunks.flat().join("")}${chunks?.tail}`).toBe(`${code}\n`);
    expect(chunks?.chunks.flat().every((chunk) => chunk.split("\n").length === FENCE_LINES_PER_CHUNK + 1)).toBe(true);
  });

  it("fenceChunks takes only a block that is one fence", () => {
    expect(fenceChunks(list)).toBeNull();
    expect(fenceChunks(`\`\`\`ts\n${code}\n\`\`\`\nafter`)).toBeNull();
    expect(fenceChunks(`\`\`\`ts\n${code}\n\`\`\`\n\`\`\`\nmore\n\`\`\``)).toBeNull();
    expect(fenceChunks(`\`\`\`ts\n${code}`)).toBeNull();
  });
});
