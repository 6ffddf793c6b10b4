import { newId, type ConversationId, type MessageId, type PermissionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { DomainEvent, EphemeralEvent } from "../../../shared/protocol/events.ts";
import type { AnswerPermissionInput } from "../../../shared/api/inputs.ts";
import type { ConversationStatus, Part, PermissionMode } from "../../../shared/protocol/model.ts";
import type { CliExitInfo, CliMessage, CliProcess, HostMessage, MalformedLineInfo } from "../../claude/contracts.ts";
import { CliTranslator } from "../../claude/translate.ts";
import { ReplayDeduper } from "../../claude/replay-dedupe.ts";
import * as encode from "../../claude/commands.ts";
import { promptUuidOf } from "../../claude/prompt-uuid.ts";
import { EventCommitter } from "./event-committer.ts";
import type { EventBus } from "../event-bus.ts";
import { HostRequests } from "./host-requests.ts";
import type { CliLauncher, ConversationStore } from "../ports.ts";
import { nextStatus, type RuntimeSignal, type StatusState } from "./status-machine.ts";
import { exitReason } from "./exit-reason.ts";
import { StreamCheckpoint } from "./stream-checkpoint.ts";
import { buildSessionRecap, isLostSessionExit, isLostSessionResult, LOST_SESSION_NOTICE } from "./lost-session.ts";
import { IdleSleepTimer, sleepReason } from "./idle-sleep.ts";
import { isPermissionRequest, settleControlResponse, withPlanText } from "./cli-message-handling.ts";
import { ContextUsageProbe } from "./context-usage-probe.ts";
import { CONTEXT_USAGE_SUBTYPE } from "../../claude/context-usage.ts";

export type RuntimeDeps = {
  conversationId: ConversationId;
  store: ConversationStore;
  bus: EventBus;
  launcher: CliLauncher;
  now: () => number;
  /** Called when the conversation's listed state (status, model, …) may have changed, after the commit. */
  onConversationChanged: (conversationId: ConversationId) => void;
  /** How long a ready CLI may sit idle before it is stopped (it resumes on the next message); 0 or absent: never. */
  sleepAfterMs?: () => number;
  /** Whether a CLI started now is asked to predict the next prompt after each turn (ADR 0038). */
  promptSuggestions?: () => boolean;
  /** Called when the process is gone and nothing is starting or stopping, so the service may drop this runtime. */
  onDormant?: (conversationId: ConversationId) => void;
};

export type OutgoingMessage = { text: string; images: { mediaType: string; data: string }[] };

/** One live conversation: its CLI process, its state machine, and the ordered, committed stream of its events. */
export class ConversationRuntime {
  private cli: LiveCli | null = null;
  private launching: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private isStopping = false;
  private stopReason: string | null = null;
  private stopHandoff: "terminal" | null = null;
  private state: StatusState;
  private readonly committer: EventCommitter;
  private readonly checkpoint = new StreamCheckpoint(() => this.saveCheckpoint());
  /** The live CLI was started with `--resume` and has not yet shown that it found its session. */
  private isResumeUnconfirmed = false;
  /** A resumed CLI had lost its session: the next message it gets carries the earlier conversation (lost-session.ts). */
  private isRecapPending = false;
  /** The message sent to a CLI whose resume is unconfirmed: resent to its successor if that resume fails. */
  private unanswered: { messageId: MessageId; message: OutgoingMessage } | null = null;
  private readonly idle = new IdleSleepTimer(() => this.deps.sleepAfterMs?.() ?? 0, (afterMs) => void this.fallAsleep(afterMs));

  constructor(private readonly deps: RuntimeDeps) {
    this.committer = new EventCommitter(deps.conversationId, deps.store, deps.bus, deps.now);
    const conversation = this.conversation();
    this.state = { status: conversation.status, reason: conversation.statusReason, pendingPermissions: 0 };
  }

  get status(): ConversationStatus {
    return this.state.status;
  }

  get isAlive(): boolean {
    return this.cli !== null;
  }

  /** No process, none starting or stopping, no recap owed to the next one: nothing here needs to stay in memory. */
  get isDormant(): boolean {
    return this.cli === null && this.launching === null && this.stopping === null && !this.isRecapPending;
  }

  /** Sends a user message, launching (or resuming) the CLI first when needed. */
  async sendUserMessage(messageId: MessageId, message: OutgoingMessage, parts: Part[]): Promise<void> {
    await this.ensureProcess();
    const cli = this.requireCli();
    const text = this.withRecap(message.text, messageId);
    this.record([{ type: "message.created", message: { id: messageId, role: "user", parentToolUseId: null, model: null, createdAt: this.deps.now(), parts } }]);
    this.signal({ kind: "user-message-sent" });
    this.flush();
    this.unanswered = this.isResumeUnconfirmed ? { messageId, message } : null;
    this.sendPrompt(cli, messageId, text, message.images);
  }

  /** Sends a prompt with the uuid of its message, so the CLI's queue states and forks name that message. */
  private sendPrompt(cli: LiveCli, messageId: MessageId, text: string, images: OutgoingMessage["images"]): void {
    cli.translator.promptSent(messageId);
    if (!cli.process.send(encode.encodeUserMessage({ text, images, uuid: promptUuidOf(messageId) }))) {
      throw new AppError("cli_unavailable", "The Claude Code process is not accepting input; try again.");
    }
  }

  /** `text`, led by the earlier conversation when the CLI that will read it replaced one that had lost its session. */
  private withRecap(text: string, messageId: MessageId): string {
    if (!this.isRecapPending) return text;
    this.isRecapPending = false;
    const earlier = this.deps.store.recentMessages(this.deps.conversationId).filter((message) => message.id !== messageId);
    return buildSessionRecap(earlier) + text;
  }

  /** Answers a pending permission request, question or plan approval. */
  answerPermission(requestId: PermissionId, answer: AnswerPermissionInput, decidedBy: string | null = null): void {
    const pending = this.cli?.translator.pendingPermission(requestId);
    if (!this.cli || !pending) throw new AppError("permission_not_pending", "This request is no longer waiting for an answer.");
    this.send(encode.encodePermissionAnswer(pending, answer));
    const edited = answer.decision === "allow" ? this.cli.translator.settlePermission(requestId, answer.updatedInput) : this.cli.translator.settlePermission(requestId, undefined, "deny");
    const outcome = answer.decision === "allow" ? "allowed" : "denied";
    this.record([...edited, { type: "permission.resolved", requestId, outcome, message: answer.message ?? null, decidedBy }]);
    this.flush();
  }

  /** Interrupts the running turn; the CLI stays up for the next message. */
  async interrupt(): Promise<void> {
    if (!this.cli) return;
    await this.control("interrupt", (id) => encode.encodeInterrupt(id));
  }

  async setModel(model: string | null): Promise<void> {
    if (!this.cli) return;
    await this.control("set_model", (id) => encode.encodeSetModel(id, model));
    this.cli?.contextUsage.modelChanged();
  }

  /** A device shows the context figures: the CLI is asked unless its last figure is current (ADR 0038). */
  watchContextUsage(): boolean {
    return this.cli?.contextUsage.watched() ?? false;
  }

  async setPermissionMode(mode: PermissionMode): Promise<void> {
    if (!this.cli) return;
    await this.control("set_permission_mode", (id) => encode.encodeSetPermissionMode(id, mode));
  }

  /**
   * A control request of another room (e.g. `mcp_status`, `mcp_reconnect`) to the running CLI; null when no CLI
   * runs. A refusal throws an AppError with the CLI's message; no answer within `timeoutMs` throws too.
   */
  async controlRequest(subtype: string, fields: Record<string, unknown>, timeoutMs = 20_000): Promise<unknown> {
    if (!this.cli) return null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError("cli_unavailable", `Claude Code did not answer ${subtype} within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
    });
    try {
      return await Promise.race([this.control(subtype, (id) => encode.encodeControlRequest(id, subtype, fields)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Ends the CLI process on purpose (status becomes idle; the next message resumes it). `reason` is what the
   * timeline says ended it (default "Stopped"), e.g. a scheduled run that is over.
   */
  async stop(reason?: string, handoff?: "terminal"): Promise<void> {
    const cli = this.cli;
    if (!cli) return this.stopping ?? undefined;
    if (this.stopping) return this.stopping;
    this.isStopping = true;
    this.stopReason = reason ?? null;
    this.idle.cancel();
    this.stopHandoff = handoff ?? null;
    cli.process.close();
    const timer = setTimeout(() => cli.process.kill("SIGKILL"), 3000);
    this.stopping = cli.process.exited.then(() => clearTimeout(timer)).finally(() => {
      this.stopping = null;
      this.reportDormant();
    });
    return this.stopping;
  }

  /** Ends the process (when alive) and launches it again with `--resume`, so the user sees a fresh, ready CLI. */
  async relaunch(): Promise<void> {
    await this.stop();
    await this.ensureProcess();
  }

  /** Partially streamed parts, for a socket that subscribes mid-stream. */
  inFlightDeltas(): EphemeralEvent[] {
    return this.cli?.translator.takeInFlightParts() ?? [];
  }

  private async ensureProcess(): Promise<void> {
    // A process being stopped (by the user, or put to sleep) is let go first; this message starts a fresh one.
    if (this.stopping) await this.stopping;
    if (this.cli) return;
    this.launching ??= this.launchOrStartOver().finally(() => {
      this.launching = null;
      this.reportDormant();
    });
    await this.launching;
  }

  /** Launches (resuming the CLI's session); when the CLI died at once because that session is lost, starts a new one. */
  private async launchOrStartOver(): Promise<void> {
    await this.launch();
    if (!this.cli && this.isRecapPending) await this.launch();
  }

  /** The resumed CLI's session is gone: forget it, say so, and hand any message it swallowed to a fresh CLI. */
  private onLostSession(info: CliExitInfo): void {
    this.deps.store.forgetCliSession(this.deps.conversationId);
    this.isRecapPending = true;
    const unanswered = this.unanswered;
    this.unanswered = null;
    const notice: DomainEvent = { type: "notice", level: "warning", text: LOST_SESSION_NOTICE };
    if (!unanswered) {
      const reason = "Claude Code had lost its saved session";
      this.record([notice, { type: "process.exited", code: info.code, signal: info.signal, reason, stderrTail: info.stderrTail, isExpected: true }]);
      this.flush();
      return;
    }
    this.record([notice]);
    this.flush();
    void this.resend(unanswered);
  }

  private async resend({ messageId, message }: { messageId: MessageId; message: OutgoingMessage }): Promise<void> {
    try {
      await this.ensureProcess();
      this.sendPrompt(this.requireCli(), messageId, this.withRecap(message.text, messageId), message.images);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.record([{ type: "notice", level: "error", text: `Your last message did not reach Claude Code (${reason}). Send it again.` }]);
      this.flush();
    }
  }

  private async launch(): Promise<void> {
    const conversation = this.conversation();
    const extras = this.deps.store.launchExtras?.(this.deps.conversationId) ?? { args: [], env: {} };
    this.isStopping = false;
    this.isResumeUnconfirmed = conversation.cliSessionId !== null;
    this.signal({ kind: "launching" });
    this.flush();
    const translatorRef: { current: CliTranslator | null } = { current: null };
    const requests = new HostRequests();
    const dedupe = new ReplayDeduper();
    // Lines that arrive before the launch promise settles wait here, so none is lost.
    const early: CliMessage[] = [];
    let hasExited = false;
    let exitedBecause = "it exited as it started";
    let lostItsSession = false;
    let launchedPid: number | null = null;
    try {
      const launched = await this.deps.launcher.launch(
        {
          cwd: this.deps.store.cwdOf(this.deps.conversationId),
          env: { ...this.deps.store.envOf(this.deps.conversationId), ...extras.env },
          extraArgs: extras.args,
          resumeSessionId: conversation.cliSessionId,
          model: conversation.model,
          permissionMode: conversation.permissionMode,
        },
        {
          onMessage: (message) => (translatorRef.current ? this.onCliMessage(message, dedupe, requests, translatorRef.current) : early.push(message)),
          onBatchEnd: () => {
            this.flush();
            if (translatorRef.current?.hasInFlightText) this.checkpoint.arm();
          },
          onMalformedLine: (info) => this.onMalformed(info),
          onExit: (info) => {
            hasExited = true;
            exitedBecause = exitReason(info, false);
            lostItsSession = this.isResumeUnconfirmed && isLostSessionExit(info);
            if (launchedPid !== null) this.deps.store.processEnded(launchedPid);
            this.onExit(info, translatorRef.current, requests);
          },
        },
      );
      const translator = new CliTranslator({
        ids: translatorIds,
        now: this.deps.now,
        transport: launched.transport,
        onUnknownType: (key) => console.warn(`[cli ${this.deps.conversationId}] ignoring a message type ChatML does not know yet: ${key}`),
      });
      translatorRef.current = translator;
      // A process that died before its launch settled already reported its exit; it must not become the live one.
      if (!hasExited) {
        this.cli = { process: launched.process, translator, dedupe, requests, contextUsage: this.contextUsageProbe(launched.process, requests) };
        launchedPid = launched.process.pid;
        this.deps.store.processStarted(this.deps.conversationId, launched.process);
      }
      for (const message of early.splice(0)) this.onCliMessage(message, dedupe, requests, translator);
      if (launched.fallbackReason) this.record([{ type: "notice", level: "info", text: launched.fallbackReason }]);
      // An exit before the launch settled was already recorded; a lost session is started over by launchOrStartOver.
      if (hasExited && !lostItsSession) throw new Error(exitedBecause);
      if (hasExited) return;
      // Initialize first: what it asks for (sub-agents' text) holds only from before the first user message on.
      void this.initialize();
      this.signal({ kind: "launched" });
      this.flush();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.record([{ type: "notice", level: "error", text: `Could not start Claude Code: ${reason}` }]);
      this.signal({ kind: "launch-failed", reason });
      this.flush();
      throw error instanceof AppError ? error : new AppError("cli_unavailable", `Could not start Claude Code: ${reason}`);
    }
  }

  private async initialize(): Promise<void> {
    const outcome = await this.control("initialize", (id) => encode.encodeInitialize(id, { promptSuggestions: this.deps.promptSuggestions?.() ?? false })).catch(() => null);
    if (!outcome) return;
    const capabilities = encode.parseInitializeResponse(outcome);
    this.record([{ type: "cli.capabilities.listed", ...capabilities }]);
    this.flush();
  }

  /** Asks `process` about its context window when the policy says so; what it says is recorded like any CLI event. */
  private contextUsageProbe(process: CliProcess, requests: HostRequests): ContextUsageProbe {
    return new ContextUsageProbe({
      ask: () => {
        const { requestId, answer } = requests.open(CONTEXT_USAGE_SUBTYPE);
        return process.send(encode.encodeControlRequest(requestId, CONTEXT_USAGE_SUBTYPE, {})) ? answer : null;
      },
      isAlive: () => this.cli?.process === process,
      report: (event) => {
        this.record([event]);
        this.flush();
      },
    });
  }

  private async control(subtype: string, build: (requestId: string) => HostMessage): Promise<unknown> {
    const cli = this.requireCli();
    const { requestId, answer } = cli.requests.open(subtype);
    this.send(build(requestId));
    const outcome = await answer;
    if (!outcome.ok) throw new AppError("bad_request", `Claude Code refused ${subtype}: ${outcome.error}`);
    return outcome.response;
  }

  private onCliMessage(message: CliMessage, dedupe: ReplayDeduper, requests: HostRequests, translator: CliTranslator): void {
    if (dedupe.isDuplicate(message)) return;
    if (message.type === "control_response") return settleControlResponse(message, requests);
    if (this.isResumeUnconfirmed) {
      // Its error result is followed by its exit, which tells the user and starts over (onLostSession).
      if (isLostSessionResult(message)) return;
      this.isResumeUnconfirmed = false;
      this.unanswered = null;
    }
    if (message.type === "control_request" && !isPermissionRequest(message)) return this.answerCliRequest(message);
    this.record(withPlanText(translator.translate(message)));
  }

  /** Hook callbacks and requests we do not serve get a well-formed answer, so the CLI never waits forever. */
  private answerCliRequest(message: CliMessage): void {
    const requestId = typeof message.request_id === "string" ? message.request_id : null;
    if (!requestId) return;
    const subtype = (message.request as { subtype?: unknown } | undefined)?.subtype;
    this.send(subtype === "hook_callback" ? encode.encodeControlSuccess(requestId, { continue: true }) : encode.encodeControlError(requestId, `ChatML does not handle ${String(subtype)}`));
  }

  private onMalformed(info: MalformedLineInfo): void {
    console.warn(`[cli ${this.deps.conversationId}] skipped a malformed line (${info.reason}, ${info.length} bytes): ${info.preview}`);
  }

  private onExit(info: CliExitInfo, translator: CliTranslator | null, requests: HostRequests): void {
    requests.failAll("the Claude Code process exited");
    // The exit of a process that was already replaced must not touch its successor.
    if (this.cli && translator && this.cli.translator !== translator) return;
    this.checkpoint.cancel();
    if (this.isResumeUnconfirmed && isLostSessionExit(info)) {
      this.isResumeUnconfirmed = false;
      this.cli = null;
      return this.onLostSession(info);
    }
    this.isResumeUnconfirmed = false;
    this.unanswered = null;
    const isExpected = this.isStopping;
    const reason = isExpected && this.stopReason ? this.stopReason : exitReason(info, isExpected);
    const handoff = isExpected ? this.stopHandoff : null;
    this.stopReason = null;
    this.stopHandoff = null;
    const events = translator
      ? translator.translateExit(info, isExpected, reason, handoff)
      : [{ type: "process.exited" as const, code: info.code, signal: info.signal, reason, stderrTail: info.stderrTail, isExpected, ...(handoff ? { handoff } : {}) }];
    this.cli = null;
    this.idle.cancel();
    this.record(events);
    this.flush();
    this.reportDormant();
  }

  /**
   * The idle timer fired: a CLI still ready and owing nothing is stopped, and the conversation says it sleeps.
   * Its next message launches it again with `--resume`, so it keeps its context.
   */
  private async fallAsleep(afterMs: number): Promise<void> {
    const cli = this.cli;
    if (!cli || this.state.status !== "ready" || this.launching || this.stopping) return;
    if (cli.translator.hasPendingWork) return this.idle.arm();
    const reason = sleepReason(afterMs);
    await this.stop(reason);
    // A message sent meanwhile already started a new process: it is awake.
    if (this.cli || this.launching) return;
    this.signal({ kind: "asleep", reason });
    this.flush();
  }

  private reportDormant(): void {
    if (this.isDormant) queueMicrotask(() => this.isDormant && this.deps.onDormant?.(this.deps.conversationId));
  }

  /** Commits a durable snapshot of the reply being streamed (see StreamCheckpoint). */
  private saveCheckpoint(): void {
    const snapshots = this.cli?.translator.checkpointInFlight() ?? [];
    if (snapshots.length === 0) return;
    this.record(snapshots);
    this.flush();
  }

  private record(events: DomainEvent[]): void {
    for (const event of events) {
      this.committer.add([event]);
      this.signal({ kind: "cli-event", event });
      if (event.type === "turn.completed") this.cli?.contextUsage.turnEnded();
      if (event.type === "cli.status.changed" && event.status === "compacting") this.cli?.contextUsage.compacting();
    }
  }

  private signal(signal: RuntimeSignal): void {
    const next = nextStatus(this.state, signal);
    const changed = next.status !== this.state.status || next.reason !== this.state.reason;
    this.state = next;
    if (!changed) return;
    this.committer.add([{ type: "conversation.status.changed", status: next.status, reason: next.reason }]);
    if (next.status === "ready" && this.cli) this.idle.arm();
    else this.idle.cancel();
  }

  private flush(): void {
    const committed = this.committer.flush();
    if (committed.some((event) => LISTED_EVENT_TYPES.has(event.type))) this.deps.onConversationChanged(this.deps.conversationId);
  }

  private send(line: HostMessage): void {
    if (!this.requireCli().process.send(line)) throw new AppError("cli_unavailable", "The Claude Code process is not accepting input.");
  }

  private requireCli() {
    if (!this.cli) throw new AppError("cli_unavailable", "The Claude Code process is not running.");
    return this.cli;
  }

  private conversation() {
    const conversation = this.deps.store.getConversation(this.deps.conversationId);
    if (!conversation) throw new AppError("not_found", `Conversation ${this.deps.conversationId} does not exist.`);
    return conversation;
  }
}

/** The running CLI process and what this runtime keeps beside it. */
type LiveCli = { process: CliProcess; translator: CliTranslator; dedupe: ReplayDeduper; requests: HostRequests; contextUsage: ContextUsageProbe };

const LISTED_EVENT_TYPES = new Set(["conversation.status.changed", "cli.session.updated", "cli.status.changed"]);

const translatorIds = { messageId: () => newId("message"), partId: () => newId("part"), permissionId: () => newId("permission") };
