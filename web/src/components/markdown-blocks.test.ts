import { describe, expect, it } from "vitest";
import { BLOCKS_PER_CHUNK, MarkdownBlocks, splitMarkdownBlocks as blocks } from "./markdown-blocks.ts";

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
