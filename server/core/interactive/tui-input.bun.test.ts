import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionId } from "../../../shared/ids.ts";
import { spawnPty } from "../../terminal/pty.ts";
import { TerminalService } from "../terminals/terminal-service.ts";
import { interruptTui, typePrompt } from "./tui-input.ts";

const SESSION = "ses_tui-input-test" as SessionId;
/** Stands in for the TUI: raw mode, bracketed paste on, each read recorded as one JSON line, and echoed like a redraw. */
const RECORDER = `
process.stdin.setRawMode(true);
process.stdout.write("\\x1b[?2004hready\\r\\n");
process.stdin.on("data", (chunk) => {
  require("node:fs").appendFileSync(process.env.READS_FILE, JSON.stringify(chunk.toString("utf8")) + "\\n");
  process.stdout.write("got " + chunk.length + "\\r\\n");
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

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !check(); i += 1) await Bun.sleep(10);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

function startRecorder() {
  const script = join(dir, "recorder.js");
  const readsFile = join(dir, "reads.jsonl");
  writeFileSync(script, RECORDER);
  writeFileSync(readsFile, "");
  const terminal = service.create(SESSION, { cols: 80, rows: 24, argv: [process.execPath, script], env: { READS_FILE: readsFile } });
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

  it("interrupts with Esc, as the TUI's own key", async () => {
    const { terminal, reads } = startRecorder();
    await until(() => service.live(terminal.id).screenText().join("\n").includes("ready"), "the recorder");
    interruptTui(service, terminal.id);
    await until(() => reads().length > 0, "Esc");
    expect(reads()).toEqual(["\x1b"]);
  });
});
