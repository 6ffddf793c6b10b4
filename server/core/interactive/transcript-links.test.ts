import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationId, PermissionId, SessionId, TerminalId } from "../../../shared/ids.ts";
import type { DomainEvent } from "../../../shared/protocol/events.ts";
import type { Conversation } from "../../../shared/protocol/model.ts";
import type { TerminalInfo } from "../../../shared/protocol/terminals.ts";
import { projectDirOf } from "../../claude/transcript/transcript-entries.ts";
import { ApprovalBroker } from "./approval-broker.ts";
import { TranscriptLinks } from "./transcript-links.ts";

const FIXTURES = join(import.meta.dirname, "../../claude/fixtures/session-transcripts");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const CONVERSATION = "cnv_links-test" as ConversationId;
const TERMINAL: TerminalInfo = { id: "trm_links-test" as TerminalId, sessionId: "ses_links-test" as SessionId, name: "Claude", kind: "claude", conversationId: CONVERSATION, command: ["claude"], status: "running", exitCode: null, problem: null, cols: 80, rows: 24, createdAt: 0 };

/** The recorded TUI turn (2.1.330): a Bash call, its result, and the answer that ends the turn; every line stamped `at`. */
function recordedTurn(at: number): string {
  const lines = readFileSync(join(FIXTURES, "tui-bash-turn.v21330.jsonl"), "utf8").split("\n").filter(Boolean);
  const timestamp = new Date(at).toISOString();
  return lines.map((line) => JSON.stringify({ ...(JSON.parse(line) as object), timestamp })).join("\n") + "\n";
}

/** Links whose Claude folder and conversation folder are one temp dir; the events they report go to `events`. */
function makeLinks(broker?: ApprovalBroker): { dir: string; events: DomainEvent[]; answered: string[]; links: TranscriptLinks } {
  const dir = mkdtempSync(join(tmpdir(), "chatml-links-"));
  dirs.push(dir);
  const events: DomainEvent[] = [];
  const answered: string[] = [];
  const links = new TranscriptLinks({
    claudeDir: dir,
    now: () => Date.now(),
    promptsAnswered: (terminalId, past) => {
      answered.push(`${terminalId}: ${"call" in past ? `${past.call.toolName} ${JSON.stringify(past.call.input)}` : "all"}`);
      broker?.answeredInTerminal(terminalId, past);
    },
    conversations: {
      find: () => ({ id: CONVERSATION }) as Conversation,
      create: () => ({ id: CONVERSATION }) as Conversation,
      titlesIn: () => [],
      stopStructured: async () => undefined,
      sinkOf: () => ({ add: (e) => events.push(...e), flush: () => undefined }),
      cwdOf: () => dir,
      changed: () => undefined,
    },
  });
  return { dir, events, answered, links };
}

describe("transcript links", () => {
  it("says on the conversation's status what its TUI waits for: a question, a plan, a tool, the latest one first", () => {
    const { events, links } = makeLinks();
    const statuses = () => events.flatMap((e) => (e.type === "conversation.status.changed" ? [`${e.status}${e.reason ? `: ${e.reason}` : ""}`] : []));
    try {
      links.link(TERMINAL, { id: CONVERSATION, cliSessionId: null } as Conversation, "0b9c6c57-5c3f-4a5e-9d4f-6f9a7f0f6a11", false, []);
      links.setPending(TERMINAL.id, "prm_bash" as PermissionId, "Asks to run Bash");
      links.setPending(TERMINAL.id, "prm_question" as PermissionId, "Asks you a question");
      expect(links.isWaiting(CONVERSATION)).toBe(true);
      links.setPending(TERMINAL.id, "prm_question" as PermissionId, null);
      links.setPending(TERMINAL.id, "prm_bash" as PermissionId, null);
      expect(links.isWaiting(CONVERSATION)).toBe(false);
      expect(statuses()).toEqual(["ready", "waiting: Asks to run Bash", "waiting: Asks you a question", "waiting: Asks to run Bash", "ready"]);
    } finally {
      links.stopAll();
    }
  });

  it("says the conversation waits while its TUI asks a startup question only the user answers, and no longer once answered", () => {
    const { events, links } = makeLinks();
    const statuses = () => events.flatMap((e) => (e.type === "conversation.status.changed" ? [`${e.status}${e.reason ? `: ${e.reason}` : ""}`] : []));
    try {
      links.link(TERMINAL, { id: CONVERSATION, cliSessionId: null } as Conversation, "0b9c6c57-5c3f-4a5e-9d4f-6f9a7f0f6a15", false, []);
      links.setQuestion(TERMINAL.id, "Asks in the terminal whether to enable auto mode");
      links.setQuestion(TERMINAL.id, "Asks in the terminal whether to enable auto mode");
      links.setQuestion(TERMINAL.id, null);
      expect(statuses()).toEqual(["ready", "waiting: Asks in the terminal whether to enable auto mode", "ready"]);
    } finally {
      links.stopAll();
    }
  });

  it("a restarted TUI whose first run wrote no transcript still gives the conversation its Claude session", async () => {
    const { dir, events, links } = makeLinks();
    const cliSessionId = "0b9c6c57-5c3f-4a5e-9d4f-6f9a7f0f6a12";
    try {
      links.link(TERMINAL, { id: CONVERSATION, cliSessionId: null } as Conversation, cliSessionId, false, []);
      // The first run ends before any prompt (closed at once, or it could not sign in), then the user restarts it.
      links.follow(TERMINAL.sessionId, [{ ...TERMINAL, status: "exited", exitCode: 1 }]);
      links.follow(TERMINAL.sessionId, [TERMINAL]);
      const project = projectDirOf(dir, dir);
      mkdirSync(project, { recursive: true });
      const entry = { type: "user", uuid: "u1", sessionId: cliSessionId, timestamp: new Date().toISOString(), message: { role: "user", content: "hello" } };
      writeFileSync(join(project, `${cliSessionId}.jsonl`), `${JSON.stringify(entry)}\n`);
      await expect.poll(() => events.flatMap((e) => (e.type === "cli.session.updated" ? [e.cliSessionId] : []))).toEqual([cliSessionId]);
    } finally {
      links.stopAll();
    }
  });

  it("tells when the TUI is past its prompts: a tool call that got its result, then the end of its turn", async () => {
    const { dir, answered, links } = makeLinks();
    const cliSessionId = "0b9c6c57-5c3f-4a5e-9d4f-6f9a7f0f6a13";
    try {
      links.link(TERMINAL, { id: CONVERSATION, cliSessionId: null } as Conversation, cliSessionId, false, []);
      const project = projectDirOf(dir, dir);
      mkdirSync(project, { recursive: true });
      writeFileSync(join(project, `${cliSessionId}.jsonl`), recordedTurn(Date.now()));
      await expect.poll(() => answered, { timeout: 10_000 }).toEqual([
        `${TERMINAL.id}: Bash {"command":"echo hello-from-bash > bash-out.txt && cat bash-out.txt","description":"Write and print a greeting"}`,
        `${TERMINAL.id}: all`,
      ]);
    } finally {
      links.stopAll();
    }
  });

  it("closes at a turn's end only the prompts asked before it: the next turn's prompt, asked before the end was read, still waits", async () => {
    let clock = 0;
    const broker = new ApprovalBroker(() => clock);
    const secret = ApprovalBroker.newSecret();
    broker.register(TERMINAL.id, TERMINAL.sessionId, secret);
    const { dir, links } = makeLinks(broker);
    const cliSessionId = "0b9c6c57-5c3f-4a5e-9d4f-6f9a7f0f6a14";
    try {
      links.link(TERMINAL, { id: CONVERSATION, cliSessionId: null } as Conversation, cliSessionId, false, []);
      const turnEnd = Date.now();
      // Asked during the turn and answered in the TUI itself (its call is not in the transcript: only the end closes it).
      clock = turnEnd - 500;
      const during = broker.request(secret, { tool_name: "Write", tool_input: { file_path: "notes.txt" } });
      // Asked by the next turn after the end was written, before the mirror read it.
      clock = turnEnd + 1000;
      void broker.request(secret, { tool_name: "Bash", tool_input: { command: "ls" } });
      const project = projectDirOf(dir, dir);
      mkdirSync(project, { recursive: true });
      writeFileSync(join(project, `${cliSessionId}.jsonl`), recordedTurn(turnEnd));
      expect(await during).toBeNull();
      expect(broker.list().map((approval) => approval.toolName)).toEqual(["Bash"]);
    } finally {
      links.stopAll();
      broker.unregister(TERMINAL.id);
    }
  });
});
