import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { refuseUnavailableMode, type UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";
import { join } from "node:path";
import type { ConversationId, SessionId, TerminalId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { EffortLevel, PermissionMode } from "../../../shared/protocol/model.ts";
import type { TerminalInfo } from "../../../shared/protocol/terminals.ts";
import { tuiHookSettings } from "../../claude/hooks/hook-settings.ts";
import { hookBlockedByManagedSettings } from "../../claude/hooks/managed-hook-policy.ts";
import { hasCompletedOnboarding } from "../../claude/onboarding.ts";
import { findTranscript } from "../../claude/transcript/transcript-entries.ts";
import { listOutsideSessions } from "../../claude/outside-sessions.ts";
import { readTranscriptPage, type TranscriptPage } from "../../claude/transcript/transcript-pages.ts";
import type { OutsideSession } from "../../../shared/protocol/outside-sessions.ts";
import type { TerminalService } from "../terminals/terminal-service.ts";
import { ApprovalBroker, LONGEST_WAIT_MS } from "./approval-broker.ts";
import { ApprovalMirror } from "./approval-mirror.ts";
import { claudeTerminalName, nextInteractiveTitle } from "./interactive-names.ts";
import { explainTuiExit } from "./tui-exit.ts";
import { interruptTui, typePrompt } from "./tui-input.ts";
import { readStartupQuestion, readTuiEffort, readTuiMode } from "./tui-screen.ts";
import { TranscriptLinks, type InteractiveConversations } from "./transcript-links.ts";
import { requireFolder } from "../session-folder.ts";

export type { InteractiveConversations } from "./transcript-links.ts";

type Deps = {
  terminals: TerminalService;
  broker: ApprovalBroker;
  dataDir: string;
  /** The Claude Code CLI to run, or null when none is installed. */
  claudePath(): Promise<string | null>;
  /** Where the TUI's permission hook posts (on the loopback CLI listener; see permission-hook-endpoint.ts). */
  hookUrl: string;
  /** Where the TUI's prompt hook posts (see prompt-hook-endpoint.ts). */
  promptHookUrl: string;
  /** The folder of the CLI's managed settings, which may block that hook (see managed-hook-policy.ts). */
  managedSettingsDir: string;
  /** Claude Code's own folder for the CLI the terminals run (`$CLAUDE_CONFIG_DIR` or `$HOME/.claude`). */
  claudeDir: string;
  /** Claude Code's state file for that user (see claudeStateFileOf): read to tell a TUI that never finished its first-run setup. */
  claudeStateFile: string;
  conversations: InteractiveConversations;
  now: () => number;
  /** The folders a session's outside sessions may be in (its own folder and its workspace's). */
  foldersOf(sessionId: SessionId): string[];
  /** The MCP servers a chat launch of the conversation gets (ChatML's own, the workspace's), for its TUI. */
  mcp: {
    launch(conversationId: ConversationId): { key: string; configPath: string | null; disabledMcpjsonServers: string[] };
    release(key: string): void;
  };
  /**
   * The conversation's custom skills switched off, for the TUI's `skillOverrides`: set at launch only when managed
   * settings block the skill hooks, the one way left then to keep those skills from the model (ADR 0092).
   */
  skillOverrides?(conversationId: ConversationId): Record<string, "off">;
  /** Throws an AppError saying why when a prompt must not run in the conversation (a `/name` switched off); none when absent. */
  assertRunnable?(conversationId: ConversationId, text: string): void;
  /** Why the model must not run the skill `name` in the conversation (switched off or broken), or null; none when absent. */
  skillRefusal?(conversationId: ConversationId, name: string): string | null;
  /** Modes Claude Code would refuse to start in on this machine (bypass as root, ADR 0097): refused before a TUI starts. */
  unavailableModes?: readonly UnavailablePermissionMode[];
};

/** What one running TUI holds until its terminal ends: its settings file and its MCP launch. */
type Held = { settingsFile: string; mcpKey: string };

/** Prompts (with what followed each) in one page of an outside session's transcript. */
const OUTSIDE_PAGE_TURNS = 10;

export type StartInteractive = {
  cols: number;
  rows: number;
  resumeSessionId?: string;
  permissionMode?: PermissionMode;
  conversationId?: ConversationId;
  /** The effort level of the conversation made for it when `conversationId` is absent (see StartInteractiveClaudeInput). */
  effort?: EffortLevel;
};

/**
 * The real interactive `claude` TUI in a session terminal (it bills against the user's plan like any terminal use),
 * with a PermissionRequest hook set for that process only (`--settings`) that routes its permission prompts to every
 * device through the {@link ApprovalBroker}, and its session transcript mirrored into a conversation's timeline.
 */
export class InteractiveClaude {
  private readonly held = new Map<TerminalId, Held>();
  private readonly links: TranscriptLinks;
  /** The TUI's permission prompts as requests of its conversation; answers to them go back to the hook. */
  readonly approvals: ApprovalMirror;

  constructor(private readonly deps: Deps) {
    this.links = new TranscriptLinks({
      claudeDir: deps.claudeDir,
      conversations: deps.conversations,
      now: deps.now,
      promptsAnswered: (terminalId, past) => deps.broker.answeredInTerminal(terminalId, past),
    });
    this.approvals = new ApprovalMirror({
      broker: deps.broker,
      linkOf: (id) => this.links.linkOf(id),
      setPending: (id, requestId, reason) => this.links.setPending(id, requestId, reason),
    });
    deps.terminals.onChange((sessionId, list) => {
      this.forgetEnded(sessionId, list);
      this.links.follow(sessionId, list);
    });
  }

  /** True while an interactive `claude` runs for the conversation (its stream-json process must not run then). */
  isInteractive(conversationId: ConversationId): boolean {
    return this.links.isRunning(conversationId);
  }

  /** Types a prompt into the conversation's interactive terminal, as if the user typed it there. */
  async prompt(conversationId: ConversationId, text: string): Promise<void> {
    // Typed now, the prompt would go into the TUI's dialog (and could even pick one of its options).
    if (this.links.isWaiting(conversationId)) throw new AppError("conflict", "Claude is waiting for an answer in the interactive terminal; answer its card first, then send.");
    await typePrompt(this.deps.terminals, this.terminalOf(conversationId), text);
  }

  /** Stops the TUI's running turn (Esc, as in the terminal). */
  async interrupt(conversationId: ConversationId): Promise<void> {
    interruptTui(this.deps.terminals, this.terminalOf(conversationId));
  }

  private terminalOf(conversationId: ConversationId): TerminalId {
    const id = this.links.runningTerminal(conversationId);
    if (!id) throw new AppError("conflict", "The conversation's interactive terminal has ended; send again to continue in chat mode.");
    return id;
  }

  /** Claude Code sessions of the session's folders that ChatML did not start (or did, in a terminal), newest first. */
  outsideSessions(sessionId: SessionId): OutsideSession[] {
    const folders = [...new Set(this.deps.foldersOf(sessionId))];
    return folders.flatMap((folder) => listOutsideSessions(this.deps.claudeDir, folder)).sort((a, b) => b.modifiedAt - a.modifiedAt);
  }

  /**
   * A page of an outside session's transcript, read-only (its last turns, or those before `before`): only a session
   * listed for this ChatML session's folders can be read.
   */
  outsideTranscript(sessionId: SessionId, cliSessionId: string, before: number | null): TranscriptPage {
    const folders = [...new Set(this.deps.foldersOf(sessionId))];
    const path = folders.map((folder) => findTranscript(this.deps.claudeDir, folder, cliSessionId)).find((found) => found !== null);
    if (!path) throw new AppError("not_found", "No Claude Code session with this id was found for this session's folder.");
    return readTranscriptPage(path, { turns: OUTSIDE_PAGE_TURNS, ...(before === null ? {} : { before }) });
  }

  async start(sessionId: SessionId, input: StartInteractive): Promise<TerminalInfo> {
    refuseUnavailableMode(this.deps.unavailableModes ?? [], input.permissionMode);
    const bin = await this.deps.claudePath();
    if (!bin) throw new AppError("cli_not_found", "No Claude Code CLI was found; install it or set its path in Settings.");
    const conversation = input.conversationId
      ? this.deps.conversations.find(sessionId, input.conversationId)
      : this.deps.conversations.create(sessionId, nextInteractiveTitle(this.deps.conversations.titlesIn(sessionId)), input.effort ?? null);
    if (this.links.isRunning(conversation.id)) throw new AppError("conflict", "This conversation already runs in an interactive Claude terminal.");
    const cwd = this.deps.conversations.cwdOf(conversation.id);
    requireFolder(cwd);
    await this.deps.conversations.stopStructured(conversation.id);
    const resumeId = input.resumeSessionId ?? conversation.cliSessionId;
    const cliSessionId = resumeId ?? crypto.randomUUID();
    // Read at each start: an administrator's policy may change between two TUIs.
    const approvalsOff = hookBlockedByManagedSettings({ url: this.deps.hookUrl, name: "permission hook" }, this.deps.managedSettingsDir);
    const skillChecksOff = hookBlockedByManagedSettings({ url: this.deps.promptHookUrl, name: "skill check" }, this.deps.managedSettingsDir);
    // The skill hooks ask ChatML at each use, so a switch takes effect both ways while the TUI runs; `skillOverrides`,
    // read once at launch, would keep a skill switched back on refused (ADR 0092). Without the hooks it is all there is.
    const skillOverrides = skillChecksOff ? (this.deps.skillOverrides?.(conversation.id) ?? {}) : {};
    // The TUI gets the MCP servers its chat launches get: ChatML's own tools and the workspace's servers.
    const mcp = this.deps.mcp.launch(conversation.id);
    const secret = ApprovalBroker.newSecret();
    let settingsFile: string;
    try {
      settingsFile = this.writeSettings(secret, mcp.disabledMcpjsonServers, skillOverrides);
    } catch (error) {
      this.deps.mcp.release(mcp.key);
      throw error;
    }
    const held = { settingsFile, mcpKey: mcp.key };
    const mode = input.permissionMode ? ["--permission-mode", input.permissionMode] : [];
    // The conversation's effort level (ADR 0301), as a chat launch of it gets; a restart takes the level chosen since.
    let effort = conversation.effort;
    // The level its screen last showed: kept while a dialog covers that line, forgotten at a restart.
    let effortShown: EffortLevel | null = null;
    const shared = () => ["--settings", settingsFile, ...(mcp.configPath ? ["--mcp-config", mcp.configPath] : []), ...(effort ? ["--effort", effort] : [])];
    const argv = () => [bin, ...shared(), ...(resumeId ? ["--resume", resumeId] : ["--session-id", cliSessionId]), ...mode];
    // A restart continues the session once the first run created it (its id cannot be given to --session-id twice).
    const resumeArgv = () => [bin, ...shared(), "--resume", cliSessionId, ...mode];
    const restartArgv = () => {
      // Without the skill hooks, a switch made since the launch reaches the TUI only as its settings, read again
      // when it restarts: the Skills screen's switches as they are now.
      if (skillChecksOff) writeFileSync(settingsFile, this.settingsJson(secret, mcp.disabledMcpjsonServers, this.deps.skillOverrides?.(conversation.id) ?? {}), { mode: 0o600 });
      effort = this.deps.conversations.find(sessionId, conversation.id).effort;
      effortShown = null;
      return findTranscript(this.deps.claudeDir, cwd, cliSessionId) ? resumeArgv() : argv();
    };
    let terminal: TerminalInfo;
    let started: TerminalInfo | null = null;
    try {
      const name = claudeTerminalName(conversation.title, this.deps.terminals.list(sessionId).map((t) => t.name));
      // A TUI that fails says why on its last screen, which a phone showing the conversation never sees.
      const explainExit = (exitCode: number | null, screen: string[]) => explainTuiExit(exitCode, screen, hasCompletedOnboarding(this.deps.claudeStateFile));
      // The mode it runs in is the one its status line shows (shift+tab changes it); until then, the one asked for. The
      // effort likewise (`/effort` changes it; 2.1.119 shows none: the level it was started at). The level its launch
      // asked for is said beside it: the browser offers a restart when the conversation's level is changed since.
      // A startup question only the user answers is said on the conversation's status (a phone may not show the terminal).
      const readScreen = (screen: string[]) => {
        if (started) this.links.setQuestion(started.id, readStartupQuestion(screen)?.reason ?? null);
        const permissionMode = readTuiMode(screen);
        effortShown = readTuiEffort(screen) ?? effortShown;
        return { ...(permissionMode ? { permissionMode } : {}), effort: effortShown ?? effort, launchedEffort: effort };
      };
      // A restart's level is said as it starts: read at its first screen, the notice that asked for it lingered a moment.
      const launchInfo = () => ({ effort: effortShown ?? effort, launchedEffort: effort });
      terminal = this.deps.terminals.create(sessionId, { name, kind: "claude", conversationId: conversation.id, cols: input.cols, rows: input.rows, argv: argv(), restartArgv, launchInfo, approvalsOff, skillChecksOff, explainExit, readScreen, permissionMode: input.permissionMode ?? null, effort });
    } catch (error) {
      this.letGo(held);
      throw error;
    }
    if (terminal.status === "exited") {
      // It could not start (its problem says why): nothing to follow, and the conversation stays in chat mode.
      await this.deps.terminals.close(terminal.id);
      this.letGo(held);
      throw new AppError("conflict", `The interactive Claude terminal could not start: ${terminal.problem ?? "it ended at once."}`);
    }
    this.deps.broker.register(terminal.id, sessionId, secret);
    this.held.set(terminal.id, held);
    this.links.link(terminal, conversation, cliSessionId, resumeId !== null, this.deps.terminals.live(terminal.id).screenText());
    started = terminal;
    return terminal;
  }

  /**
   * Why a prompt typed into the TUI whose hook secret this is must not run (a skill switched off on the Skills screen,
   * which the TUI itself does not know of), or null to let it through.
   */
  refusalOf(hookSecret: string | null, prompt: string): string | null {
    const conversationId = this.conversationOfHook(hookSecret);
    if (!conversationId) return null;
    try {
      this.deps.assertRunnable?.(conversationId, prompt);
      return null;
    } catch (error) {
      if (error instanceof AppError) return error.message;
      throw error;
    }
  }

  /**
   * Why the model of the TUI whose hook secret this is must not run the skill `name` (switched off on the Skills screen,
   * maybe after the TUI started), or null to let it run.
   */
  skillRefusalOf(hookSecret: string | null, name: string): string | null {
    const conversationId = this.conversationOfHook(hookSecret);
    return conversationId ? (this.deps.skillRefusal?.(conversationId, name) ?? null) : null;
  }

  /** The conversation of the TUI whose hook secret this is (throws `unauthorized` for any other); null for none. */
  private conversationOfHook(hookSecret: string | null): ConversationId | null {
    return this.deps.terminals.get(this.deps.broker.authenticate(hookSecret)).conversationId ?? null;
  }

  /** Stops following every transcript (server shutdown). */
  stopAll(): void {
    this.links.stopAll();
  }

  /**
   * The TUI's `--settings` (readable by this user only: it holds the hook's secret): the permission, prompt and skill
   * hooks, the project's MCP servers switched off in this conversation, and any `skillOverrides` (see start).
   */
  private writeSettings(hookSecret: string, disabledMcpjsonServers: string[], skillOverrides: Record<string, "off">): string {
    const dir = join(this.deps.dataDir, "interactive");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const settingsFile = join(dir, `${crypto.randomUUID()}.json`);
    writeFileSync(settingsFile, this.settingsJson(hookSecret, disabledMcpjsonServers, skillOverrides), { mode: 0o600 });
    return settingsFile;
  }

  private settingsJson(hookSecret: string, disabledMcpjsonServers: string[], skillOverrides: Record<string, "off">): string {
    const hooks = tuiHookSettings({ permissionUrl: this.deps.hookUrl, promptUrl: this.deps.promptHookUrl, secret: hookSecret, waitSeconds: LONGEST_WAIT_MS / 1000 });
    return JSON.stringify({ ...hooks, ...(disabledMcpjsonServers.length > 0 ? { disabledMcpjsonServers } : {}), ...(Object.keys(skillOverrides).length > 0 ? { skillOverrides } : {}) });
  }

  private letGo({ settingsFile, mcpKey }: Held): void {
    rmSync(settingsFile, { force: true });
    this.deps.mcp.release(mcpKey);
  }

  /** A closed claude terminal takes its secrets, settings file and MCP launch with it. */
  private forgetEnded(sessionId: SessionId, list: TerminalInfo[]): void {
    const present = new Set(list.map((t) => t.id));
    for (const [id, held] of this.held) {
      if (present.has(id) || this.deps.broker.sessionOf(id) !== sessionId) continue;
      this.deps.broker.unregister(id);
      this.letGo(held);
      this.held.delete(id);
    }
  }
}
