import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionId } from "../../../shared/ids.ts";
import { spawnPty } from "../../terminal/pty.ts";
import { TerminalService } from "../terminals/terminal-service.ts";
import { interruptTui, typePrompt } from "./tui-input.ts";
import { until } from "../../test-support/until.ts";

const SESSION = "ses_tui-input-test" as SessionId;
/**
 * Stands in for the TUI: raw mode, bracketed paste on, each read recorded as one JSON line, and echoed like a redraw.
 * SCREEN=offer first shows 2.1.330's startup offer (as that CLI draws it) and its prompt box only after Esc;
 * SCREEN=late-offer draws the prompt box first and the offer over it 60 ms later, as 2.1.330 does;
 * SCREEN=dialog shows a permission prompt that never goes away.
 */
const RECORDER = `
const RULE = "─".repeat(40);
let typed = "";
const box = () => process.stdout.write("\\x1b[2J\\x1b[Hready\\r\\n" + RULE + "\\r\\n❯ " + typed + "\\r\\n" + RULE + "\\r\\n");
const OFFER = RULE + "\\r\\n  Make auto mode your default permission mode?\\r\\n  ❯ Yes, set auto mode as my default permission mode\\r\\n    No, keep manual mode\\r\\n";
let offering = process.env.SCREEN === "offer" || process.env.SCREEN === "late-offer";
process.stdin.setRawMode(true);
process.stdout.write("\\x1b[?2004h");
if (process.env.SCREEN === "late-offer") { box(); setTimeout(() => process.stdout.write("\\x1b[2J\\x1b[H" + OFFER), 60); }
else if (offering) process.stdout.write(OFFER);
else if (process.env.SCREEN === "dialog") process.stdout.write(RULE + "\\r\\n Do you want to proceed?\\r\\n ❯ 1. Yes\\r\\n   2. No\\r\\n");
else box();
process.stdin.on("data", (chunk) => {
  require("node:fs").appendFileSync(process.env.READS_FILE, JSON.stringify(chunk.toString("utf8")) + "\\n");
  if (offering && chunk.toString() === "\\x1b") {
    offering = false;
    process.stdout.write("\\x1b[2J\\x1b[H");
    return void setTimeout(box, 300);
  }
  // Redraws the box with what was typed, as the TUI echoes a paste.
  typed += chunk.toString().replace(/\\x1b\\[20[01]~|[\\r\\n]/g, "");
  box();
});
`;

let dir = "";
let service: TerminalService;

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "chatml-tui-input-")));
  service = new TerminalService({ spawn: spawnPty, now: () => Date.now(), placeOf: () => ({ cwd: dir, env: {} }), baseEnv: { PATH: process.env.PATH, HOME: dir } });
});

afterEach(async () => {
  await service.stopAll();
  rmSync(dir, { recursive: true, force: true });
});

function startRecorder(screen: "box" | "offer" | "late-offer" | "dialog" = "box") {
  const script = join(dir, "recorder.js");
  const readsFile = join(dir, "reads.jsonl");
  writeFileSync(script, RECORDER);
  writeFileSync(readsFile, "");
  const terminal = service.create(SESSION, { cols: 80, rows: 24, argv: [process.execPath, script], env: { READS_FILE: readsFile, SCREEN: screen } });
  const reads = () => readFileSync(readsFile, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as string);
  return { terminal, reads };
}

describe("typing into the interactive TUI (real PTY)", () => {
  it("pastes the prompt in one read and sends Enter in a read of its own, without the control characters", async () => {
    const { terminal, reads } = startRecorder();
    await until(() => service.live(terminal.id).screenText().join("\n").includes("ready"), "the recorder");
    await typePrompt(service, terminal.id, "first line\r\nsecond\x1b[201~ line\x07\ttab");
    await until(() => reads().includes("\r"), "Enter");
    expect(reads()).toEqual(["\x1b[200~first line\nsecond[201~ line\ttab\x1b[201~", "\r"]);
  });

  it("declines a startup offer and types the prompt only once the prompt box is there", async () => {
    const { terminal, reads } = startRecorder("offer");
    await until(() => service.live(terminal.id).screenText().join("\n").includes("Make auto mode your default"), "the offer");
    await typePrompt(service, terminal.id, "hello");
    await until(() => reads().includes("\r"), "Enter");
    expect(reads()).toEqual(["\x1b", "\x1b[200~hello\x1b[201~", "\r"]);
  });

  it("waits for the prompt box to stay: an offer drawn over it right after the start is declined, not answered", async () => {
    const { terminal, reads } = startRecorder("late-offer");
    await until(() => service.live(terminal.id).screenText().join("\n").includes("❯"), "the prompt box");
    await typePrompt(service, terminal.id, "hello");
    await until(() => reads().includes("\r"), "Enter");
    expect(reads()).toEqual(["\x1b", "\x1b[200~hello\x1b[201~", "\r"]);
  });

  it("refuses a prompt while a dialog holds the keyboard, saying what it shows, and types nothing into it", async () => {
    const { terminal, reads } = startRecorder("dialog");
    await until(() => service.live(terminal.id).screenText().join("\n").includes("Do you want to proceed?"), "the dialog");
    await expect(typePrompt(service, terminal.id, "hello", 300)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Do you want to proceed?") });
    expect(reads()).toEqual([]);
  });

  it("interrupts with Esc, as the TUI's own key", async () => {
    const { terminal, reads } = startRecorder();
    await until(() => service.live(terminal.id).screenText().join("\n").includes("ready"), "the recorder");
    interruptTui(service, terminal.id);
    await until(() => reads().length > 0, "Esc");
    expect(reads()).toEqual(["\x1b"]);
  });
});
