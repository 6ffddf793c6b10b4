import { describe, expect, it } from "vitest";
import { MAX_PROMPT_CHARS } from "../../../shared/api/inputs.ts";
import { cleanTitle, MAX_TITLE_WORDS, titleFromPrompt, wholePhrase } from "./title-text.ts";

describe("titles are whole short phrases", () => {
  it("drops the words a cut title would dangle on (articles, prepositions, conjunctions)", () => {
    expect(wholePhrase("Busy API on the")).toBe("Busy API");
    expect(wholePhrase("Fix the login test and")).toBe("Fix the login test");
    expect(wholePhrase("Refactor the parser to use a")).toBe("Refactor the parser to use");
    expect(wholePhrase("Fix it")).toBe("Fix it");
  });

  it("cuts a long answer at a word boundary, never inside a word, and keeps at most a few words", () => {
    const title = wholePhrase("Investigate why the nightly deployment pipeline sometimes fails on the staging cluster");
    expect(title).toBe("Investigate why the nightly deployment pipeline sometimes");
    expect(title.split(" ").length).toBeLessThanOrEqual(MAX_TITLE_WORDS);
    expect(wholePhrase("Supercalifragilistic ".repeat(6)).endsWith("Supercalifragilistic")).toBe(true);
  });

  it("cleans a model's answer: first line, no quotes, markdown, label or final period", () => {
    expect(cleanTitle('"Fix flaky login test."\nBecause it fails.')).toBe("Fix flaky login test");
    expect(cleanTitle("**Title:** Add dark mode")).toBe("Add dark mode");
    expect(cleanTitle("Title: Add dark mode")).toBe("Add dark mode");
    expect(cleanTitle("# Speed up search")).toBe("Speed up search");
  });

  it("names from the prompt's first phrase, without test markers", () => {
    expect(titleFromPrompt("Fix the flaky login test, then look at the signup form too.")).toBe("Fix the flaky login test");
    expect(titleFromPrompt("Busy API on the fake server answers slowly @@slow")).toBe("Busy API on the fake server answers");
    expect(titleFromPrompt("Please write the changelog for the release of version 2 and tag it")).toBe("Please write the changelog for the release");
    expect(titleFromPrompt("Hi")).toBe("Hi");
  });

  it("cuts a run of characters without spaces (Chinese, a path) with an ellipsis rather than answering nothing", () => {
    const title = titleFromPrompt("修复登录测试".repeat(20));
    expect(title.endsWith("…")).toBe(true);
    expect(title.length).toBeLessThanOrEqual(60);
  });

  it("names a prompt of the largest size with a long rule of punctuation in it (which held the server for minutes)", () => {
    // Before, stripping the end tried a pattern from every position of the run: ~3.5 s for 40,000 characters, growing
    // with the square of the run; this prompt is MAX_PROMPT_CHARS long.
    const rule = "_".repeat(MAX_PROMPT_CHARS - 40);
    expect(titleFromPrompt(`fix ${rule}x the parser`)).toBe("fix");
    expect(wholePhrase(`Refactor ${"-".repeat(MAX_PROMPT_CHARS - 40)} now`)).toBe("Refactor");
    expect(wholePhrase(`Refactor ${"-".repeat(MAX_PROMPT_CHARS - 40)}`)).toBe("Refactor");
  });
});
