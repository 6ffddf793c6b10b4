// @vitest-environment jsdom
import { beforeEach, expect, it } from "vitest";
import { promptHistory, rememberPrompt } from "./use-draft.ts";

beforeEach(() => localStorage.clear());

it("remembers typed prompts for the arrow keys, newest last, each once", () => {
  for (const text of ["fix the tests", "run the linter", "fix the tests"]) rememberPrompt(text);
  expect(promptHistory()).toEqual(["run the linter", "fix the tests"]);
});

it("leaves a pasted log out of the arrow keys' history, so prompts typed after a dozen of them are still remembered", () => {
  const log = "lorem ipsum dolor sit amet\n".repeat(15_000);
  for (let sent = 0; sent < 12; sent++) rememberPrompt(`${log}${sent}`);
  rememberPrompt("typed after them");
  expect(promptHistory()).toEqual(["typed after them"]);
});
