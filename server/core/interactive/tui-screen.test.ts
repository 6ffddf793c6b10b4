import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isTuiStatusLine, promptBox, readTuiEffort, readTuiMode, readTuiScreen } from "./tui-screen.ts";

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
    // A short terminal (a desktop's bottom panel 11 rows high) shows only the offer's answers, not its title.
    const answersOnly = screen("2.1.330-auto-mode-offer").filter((line) => line.trim()).slice(-4);
    expect(answersOnly.join("\n")).not.toContain("Make auto mode your default");
    expect(readTuiScreen(answersOnly)).toMatchObject({ kind: "offer", offer: { name: "auto mode as default" } });
  });

  it("takes the offer's words in Claude's answer above a drawn prompt box for the answer, not an offer to press Esc on", () => {
    const quoting = screen("2.1.330-prompt").map((line, i) => (i === 2 ? "● The TUI asked: Make auto mode your default permission mode? No, keep manual mode" : line));
    expect(readTuiScreen(quoting)).toEqual({ kind: "prompt", typed: "" });
  });

  it("sees 2.1.119's \"Enable auto mode?\" (the user's settings choose auto mode) as a question left to the user", () => {
    expect(readTuiScreen(screen("2.1.119-enable-auto-mode"))).toMatchObject({ kind: "question", question: { asks: "Enable auto mode?" } });
    // A short terminal (a desktop's bottom panel 11 rows high) shows only the question's answers, not its title.
    const answersOnly = screen("2.1.119-enable-auto-mode").filter((line) => line.trim()).slice(-6);
    expect(answersOnly.join("\n")).not.toContain("Enable auto mode?");
    expect(readTuiScreen(answersOnly)).toMatchObject({ kind: "question", question: { asks: "Enable auto mode?" } });
    expect(readTuiScreen(screen("2.1.119-prompt"))).toEqual({ kind: "prompt", typed: "" });
  });

  it("does not take a question or a permission prompt for the prompt box", () => {
    expect(readTuiScreen(screen("2.1.330-question"))).toEqual({ kind: "busy", what: "Which color do you prefer?" });
    expect(readTuiScreen(screen("2.1.119-permission"))).toEqual({ kind: "busy", what: "Do you want to proceed?" });
  });

  it("waits on a blank screen (the TUI is still starting)", () => {
    expect(readTuiScreen(["", "", ""])).toEqual({ kind: "busy", what: "the terminal is starting" });
  });
});

describe("reading the permission mode off the interactive claude's status line", () => {
  it("reads each pinned CLI's own words for the mode it runs in", () => {
    // A fresh 2.1.332 user, no --permission-mode: the CLI's own default is auto mode, where Bash may run unasked.
    expect(readTuiMode(screen("2.1.332-auto-mode"))).toBe("auto");
    expect(readTuiMode(screen("2.1.119-accept-edits"))).toBe("acceptEdits");
    // 2.1.330+ names the default mode ("manual mode on"); 2.1.119 names no mode then, only its hints.
    expect(readTuiMode(screen("2.1.330-prompt"))).toBe("default");
    expect(readTuiMode(screen("2.1.119-prompt"))).toBe("default");
  });

  it("reads the mode again after shift+tab changed it (the status line under the prompt box is what counts)", () => {
    const plan = screen("2.1.332-auto-mode").map((line) => line.replace("⏵⏵ auto mode on", "⏸ plan mode on"));
    expect(readTuiMode(plan)).toBe("plan");
    const dontAsk = screen("2.1.119-accept-edits").map((line) => line.replace("⏵⏵ accept edits on", "⏵⏵ don't ask on"));
    expect(readTuiMode(dontAsk)).toBe("dontAsk");
  });

  it("does not guess while a dialog holds the prompt box's place, the TUI starts, or a passing message shows", () => {
    expect(readTuiMode(screen("2.1.330-question"))).toBeNull();
    expect(readTuiMode(screen("2.1.119-permission"))).toBeNull();
    expect(readTuiMode(["", "", ""])).toBeNull();
    const exiting = screen("2.1.119-prompt").map((line) => (line.includes("? for shortcuts") ? "  Press Ctrl-C again to exit" : line));
    expect(readTuiMode(exiting)).toBeNull();
  });
});

describe("reading the effort level off the interactive claude's screen", () => {
  it("reads the level 2.1.332 draws over its prompt box (started with --effort high), and none from 2.1.119, which draws none there", () => {
    expect(readTuiEffort(screen("2.1.332-high-effort"))).toBe("high");
    // `/effort low` in the TUI redraws that line.
    expect(readTuiEffort(screen("2.1.332-high-effort").map((line) => line.replace("● high · /effort", "◔ low · /effort")))).toBe("low");
    expect(readTuiEffort(screen("2.1.119-prompt"))).toBeNull();
  });

  it("does not take a level quoted elsewhere on the screen (Claude's answer) for the TUI's own", () => {
    const lines = screen("2.1.332-high-effort").map((line) => line.replace("● high · /effort", ""));
    lines.splice(5, 0, "● Try max · /effort for this one.");
    expect(readTuiEffort(lines)).toBeNull();
  });
});

describe("telling the TUI's status line from what the CLI wrote under its prompt box", () => {
  it("takes the line under the box of every captured screen for the status line", () => {
    for (const name of ["2.1.119-prompt", "2.1.119-accept-edits", "2.1.330-prompt", "2.1.332-auto-mode", "2.1.332-high-effort"]) {
      const lines = screen(name);
      const box = promptBox(lines);
      const status = lines.slice((box?.bottom ?? lines.length) + 1).find((line) => line.trim());
      expect(status && isTuiStatusLine(status), name).toBe(true);
    }
    expect(isTuiStatusLine("  ⏵⏵ bypass permissions on (shift+tab to cycle)")).toBe(true);
    expect(isTuiStatusLine("  esc to interrupt")).toBe(true);
    expect(isTuiStatusLine("                                                  ◐ medium · /effort")).toBe(true);
  });

  it("does not take a line the CLI wrote for it because it holds the status line's words", () => {
    expect(isTuiStatusLine("Error: auto mode on this plan needs a newer Claude Code")).toBe(false);
    expect(isTuiStatusLine("API Error: 400 effort max not supported (run /effort to pick another level)")).toBe(false);
    expect(isTuiStatusLine("Hook failed: press shift+tab for agents to retry")).toBe(false);
  });
});
