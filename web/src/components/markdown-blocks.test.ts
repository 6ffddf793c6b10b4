import { describe, expect, it } from "vitest";
import { blockTexts, splitMarkdownBlocks } from "./markdown-blocks.ts";

const blocks = (text: string) => blockTexts(splitMarkdownBlocks(text));

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

  it("resumes from the previous split and gives the same blocks as a split from scratch", () => {
    const full = "# A\n\nText one\n\n```\nx\n\ny\n```\n\n- a\n\n- b\n\nLast para\nwith two lines\n";
    let split = splitMarkdownBlocks("");
    for (let i = 1; i <= full.length; i += 3) split = splitMarkdownBlocks(full.slice(0, i), split);
    split = splitMarkdownBlocks(full, split);
    expect(blockTexts(split)).toEqual(blocks(full));
    expect(blockTexts(split)).toHaveLength(5);
  });

  it("starts over when the text is not an extension of the previous one", () => {
    const previous = splitMarkdownBlocks("One\n\nTwo\n");
    expect(blockTexts(splitMarkdownBlocks("Other\n", previous))).toEqual(["Other"]);
  });
});
