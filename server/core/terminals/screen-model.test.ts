import { describe, expect, it } from "vitest";
import { ScreenModel } from "./screen-model.ts";

describe("ScreenModel.writtenLines", () => {
  it("gives a line the screen wrapped at its edge back whole, a word cut there too, where screenText gives its rows", () => {
    const screen = new ScreenModel(47, 5);
    screen.write("Claude Code didn't start because this folder isn't trusted.\r\nRun claude again and choose Yes.\r\n");
    expect(screen.screenText().slice(0, 2)).toEqual(["Claude Code didn't start because this folder is", "n't trusted."]);
    expect(screen.writtenLines().slice(0, 2)).toEqual(["Claude Code didn't start because this folder isn't trusted.", "Run claude again and choose Yes."]);
    screen.dispose();
  });

  it("keeps the space a wrap fell on, and the lines the program ended itself apart", () => {
    const screen = new ScreenModel(5, 4);
    screen.write("abcd efgh\r\nij\r\n");
    expect(screen.writtenLines().slice(0, 2)).toEqual(["abcd efgh", "ij"]);
    screen.dispose();
  });
});
