/** The real pinned 2.1.119 TUI in a real PTY, offline: what it asks at start when the user's settings choose auto mode (ADR 0122). */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import type { Conversation } from "../../../shared/protocol/model.ts";
import { spawnPty } from "../../terminal/pty.ts";
import { TerminalService } from "../terminals/terminal-service.ts";
import { typePrompt } from "./tui-input.ts";
import { TranscriptLinks } from "./transcript-links.ts";
import { readTuiScreen } from "./tui-screen.ts";

const CLI = join(homedir(), ".cache/chatml/cli/2.1.119/node_modules/.bin/claude");
const SETTINGS = JSON.stringify({ permissions: { defaultMode: "auto" } });
const dirs: string[] = [];
let service: TerminalService | null = null;
afterEach(async () => {
  await service?.stopAll();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A HOME past onboarding, trusting `folder`, whose own `~/.claude/settings.json` starts every session in auto mode. */
function userHome(folder: string): string {
  const home = realpathSync(mkdtempSync(join(tmpdir(), "chatml-auto-home-")));
  dirs.push(home);
  mkdirSync(join(home, ".claude"));
  writeFileSync(join(home, ".claude", "settings.json"), SETTINGS);
  const state = { hasCompletedOnboarding: true, theme: "dark", customApiKeyResponses: { approved: ["sk-test"], rejected: [] }, projects: { [folder]: { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true } } };
  writeFileSync(join(home, ".claude.json"), JSON.stringify(state));
  return home;
}

it.skipIf(!existsSync(CLI))("2.1.119 asks \"Enable auto mode?\" first: a prompt from ChatML is refused at once, saying so, and nothing answers it", async () => {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), "chatml-auto-folder-")));
  dirs.push(folder);
  const home = userHome(folder);
  // No API is reachable: the question comes before any request.
  const env = { PATH: process.env.PATH, HOME: home, ANTHROPIC_BASE_URL: "http://127.0.0.1:9", ANTHROPIC_API_KEY: "sk-test", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_AUTOUPDATER: "1" };
  service = new TerminalService({ spawn: spawnPty, now: Date.now, placeOf: () => ({ cwd: folder, env: {} }), baseEnv: env });
  const terminal = service.create("ses_auto-question" as SessionId, { kind: "claude", cols: 100, rows: 30, argv: [CLI] });
  const live = service.live(terminal.id);
  await expect.poll(() => live.screenText().join("\n"), { timeout: 30_000 }).toContain("Enable auto mode?");
  expect(readTuiScreen(live.screenText())).toMatchObject({ kind: "question", question: { asks: "Enable auto mode?" } });
  await expect(typePrompt(service, terminal.id, "hello", 60_000)).rejects.toThrow(/asks “Enable auto mode\?”: answer it there \(ChatML does not answer it for you\)/);
  // Still asking: ChatML pressed nothing (Esc or No would have ended the CLI, Yes enabled auto mode).
  expect(service.get(terminal.id).status).toBe("running");
  expect(live.screenText().join("\n")).toContain("Enable auto mode?");
  expect(readFileSync(join(home, ".claude", "settings.json"), "utf8")).toBe(SETTINGS);
}, 90_000);

it.skipIf(!existsSync(CLI))("a conversation linked to a TUI that already shows \"Enable auto mode?\" (and draws nothing more) says it waits on that question", async () => {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), "chatml-auto-folder-")));
  dirs.push(folder);
  const home = userHome(folder);
  const env = { PATH: process.env.PATH, HOME: home, ANTHROPIC_BASE_URL: "http://127.0.0.1:9", ANTHROPIC_API_KEY: "sk-test", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_AUTOUPDATER: "1" };
  service = new TerminalService({ spawn: spawnPty, now: Date.now, placeOf: () => ({ cwd: folder, env: {} }), baseEnv: env });
  const terminal = service.create("ses_auto-question" as SessionId, { kind: "claude", cols: 100, rows: 30, argv: [CLI] });
  const live = service.live(terminal.id);
  await expect.poll(() => readTuiScreen(live.screenText()).kind, { timeout: 30_000 }).toBe("question");

  const statuses: string[] = [];
  const conversationId = "cnv_auto-question" as ConversationId;
  const links = new TranscriptLinks({
    claudeDir: join(home, ".claude"),
    now: Date.now,
    promptsAnswered: () => undefined,
    conversations: {
      find: () => ({ id: conversationId }) as Conversation,
      create: () => ({ id: conversationId }) as Conversation,
      titlesIn: () => [],
      stopStructured: async () => undefined,
      sinkOf: () => ({ add: (events) => void statuses.push(...events.flatMap((e) => (e.type === "conversation.status.changed" ? [`${e.status}: ${e.reason ?? ""}`] : []))), flush: () => undefined }),
      cwdOf: () => folder,
      changed: () => undefined,
    },
  });
  try {
    links.link(terminal, { id: conversationId, cliSessionId: null } as Conversation, crypto.randomUUID(), false, live.screenText());
    expect(statuses).toEqual(["waiting: Asks in the terminal whether to enable auto mode (your Claude Code settings choose it)"]);
  } finally {
    links.stopAll();
  }
}, 90_000);
