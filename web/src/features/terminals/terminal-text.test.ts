import { Terminal } from "@xterm/headless";
import { describe, expect, it } from "vitest";
import { terminalText } from "./terminal-text.ts";

/** A real (headless) xterm after `data` was written to it. */
async function written(data: string, cols = 20): Promise<Terminal> {
  const term = new Terminal({ cols, rows: 5, scrollback: 100, allowProposedApi: true });
  await new Promise<void>((done) => term.write(data, done));
  return term;
}

describe("terminalText", () => {
  it("gives scrollback and screen as lines, without the empty rows below the last output", async () => {
    const term = await written(Array.from({ length: 8 }, (_, i) => `line ${i + 1}`).join("\r\n"));
    expect(terminalText(term.buffer.active)).toBe(Array.from({ length: 8 }, (_, i) => `line ${i + 1}`).join("\n"));
  });

  it("joins a line the terminal wrapped back into the one line of output it was", async () => {
    const long = "abcdefghij".repeat(3);
    const term = await written(`${long}\r\nnext`);
    expect(terminalText(term.buffer.active)).toBe(`${long}\nnext`);
  });

  it("keeps the space a wrap fell on between the words it joins", async () => {
    const term = await written(`${"x".repeat(19)} y`);
    expect(terminalText(term.buffer.active)).toBe(`${"x".repeat(19)} y`);
  });

  it("drops the spaces a TUI paints to the right of its text", async () => {
    const term = await written("left\x1b[10Cright   \r\n");
    expect(terminalText(term.buffer.active)).toBe(`left${" ".repeat(10)}right`);
  });
});
