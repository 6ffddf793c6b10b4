import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readTuiScreen } from "./tui-screen.ts";

/** Screens of the real pinned CLIs, captured from their TUI in a 100×30 terminal. */
const screen = (name: string) => readFileSync(new URL(`./fixtures/screen-${name}.txt`, import.meta.url), "utf8").split("\n");

describe("reading the interactive claude's screen", () => {
  it("sees the prompt box of both pinned CLIs", () => {
    expect(readTuiScreen(screen("2.1.119-prompt"))).toEqual({ kind: "prompt", typed: "" });
    expect(readTuiScreen(screen("2.1.330-prompt"))).toEqual({ kind: "prompt", typed: "" });
    const typed = screen("2.1.330-prompt").map((line) => (line.startsWith("❯") ? "❯ @@text hello" : line));
    expect(readTuiScreen(typed)).toEqual({ kind: "prompt", typed: "@@text hello" });
  });

  it("sees 2.1.330's startup offer to make auto mode the default, declined with Esc", () => {
    expect(readTuiScreen(screen("2.1.330-auto-mode-offer"))).toMatchObject({ kind: "offer", offer: { name: "auto mode as default", decline: "\x1b" } });
  });

  it("does not take a question or a permission prompt for the prompt box", () => {
    expect(readTuiScreen(screen("2.1.330-question"))).toEqual({ kind: "busy", what: "Which color do you prefer?" });
    expect(readTuiScreen(screen("2.1.119-permission"))).toEqual({ kind: "busy", what: "Do you want to proceed?" });
  });

  it("waits on a blank screen (the TUI is still starting)", () => {
    expect(readTuiScreen(["", "", ""])).toEqual({ kind: "busy", what: "the terminal is starting" });
  });
});
