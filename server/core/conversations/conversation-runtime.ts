import type { ConversationId, MessageId, PermissionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { isTurnEnd, type DomainEvent, type EphemeralEvent } from "../../../shared/protocol/events.ts";
import type { AnswerPermissionInput } from "../../../shared/api/inputs.ts";
import type { ConversationStatus, EffortLevel, Part, PermissionMode } from "../../../shared/protocol/model.ts";
import type { CliMessage, CliProcess, HostMessage, InterruptCause } from "../../claude/contracts.ts";
import type { CliTranslator } from "../../claude/translate.ts";
import * as encode from "../../claude/commands.ts";
import { EventCommitter } from "./event-committer.ts";
import { changesConversationRow } from "../../persistence/projection.ts";
import { commitInItsTurn } from "./send-commits.ts";
import type { EventBus } from "../event-bus.ts";
import type { HostRequests } from "./host-requests.ts";
import type { CliLauncher, ConversationStore } from "../ports.ts";
import { nextStatus, type RuntimeSignal, type StatusState } from "./status-machine.ts";
import { StreamCheckpoint } from "./stream-checkpoint.ts";
import { isPermissionRequest, withPlanText } from "./cli-message-handling.ts";
import { ContextUsageProbe } from "./context-usage-probe.ts";
import { CONTEXT_USAGE_SUBTYPE } from "../../claude/context-usage.ts";
import { CliProcessHolder } from "./cli-process-holder.ts";
import type { OutgoingMessage } from "./live-cli.ts";
import { encodeSkillGateAnswer, SKILL_GATE_HOOKS, skillGateQuestion } from "../../claude/skill-gate.ts";
import { TurnEndWaiters } from "./turn-end-waiters.ts";
import { PermissionModeSwitch } from "./permission-mode-switch.ts";

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
  /** Why the model may not run the skill `name` now (switched off, broken), or null when it may; absent: always may. */
  skillRefusal?: (name: string) => string | null;
};

/**
 * One live conversation: the commands users send it, the ordered and committed stream of its events, and its status
 * machine. Its CLI process's lifetime (launch, exit, resume after a lost session, idle sleep) is `CliProcessHolder`'s.
 */
export class ConversationRuntime {
  private readonly holder: CliProcessHolder;
  private state: StatusState;
  private readonly committer: EventCommitter;
  private readonly checkpoint = new StreamCheckpoint(() => this.saveCheckpoint());
  /** Permission modes on their way to the CLI, bypass by a restart (ADR 0104). */
  private readonly modeSwitch: PermissionModeSwitch;
  /** Interrupts waiting for their turn to end (see interrupt). */
  private readonly turnEndWaiters = new TurnEndWaiters();

  constructor(private readonly deps: RuntimeDeps) {
    this.committer = new EventCommitter(deps.conversationId, deps.store, deps.bus, deps.now);
    const conversation = deps.store.getConversation(deps.conversationId);
    if (!conversation) throw new AppError("not_found", `Conversation ${deps.conversationId} does not exist.`);
    this.state = { status: conversation.status, reason: conversation.statusReason, pendingPermissions: 0 };
    this.holder = new CliProcessHolder({
      conversationId: deps.conversationId,
      store: deps.store,
      launcher: deps.launcher,
      now: deps.now,
      sleepAfterMs: deps.sleepAfterMs,
      onDormant: deps.onDormant,
      host: {
        record: (events) => this.record(events),
        signal: (signal) => this.signal(signal),
        flush: () => this.flush(),
        status: () => this.state.status,
        onMessage: (message, translator) => this.onCliMessage(message, translator),
        onBatchEnd: (translator) => {
          this.flush();
          if (translator?.hasInFlightText) this.checkpoint.arm();
        },
        onLaunched: () => {
          void this.initialize();
          this.modeSwitch.applyChosenWhileStarting();
        },
        onGone: () => this.checkpoint.cancel(),
        contextUsageProbe: (process, requests) => this.contextUsageProbe(process, requests),
      },
    });
    this.modeSwitch = new PermissionModeSwitch({
      conversationId: deps.conversationId,
      store: deps.store,
      holder: this.holder,
      status: () => this.state.status,
      control: (subtype, build) => this.control(subtype, build),
      record: (events) => this.record(events),
      flush: () => this.flush(),
    });
  }

  get status(): ConversationStatus {
    return this.state.status;
  }

  /** No process, none starting or stopping, no recap owed to the next one: nothing here needs to stay in memory. */
  get isDormant(): boolean {
    return this.holder.isDormant;
  }

  /**
   * Sends a user message, launching (or resuming) the CLI first when needed. The message is recorded only once the
   * process took it (in the same tick, before any answer can arrive): a send that fails leaves nothing to send twice.
   * `storeAnswer` (the command's answer) is written in the message's transaction.
   */
  async sendUserMessage(messageId: MessageId, message: OutgoingMessage, parts: Part[], storeAnswer?: () => void): Promise<void> {
    await this.holder.ensure();
    // Bypass chosen while this CLI started restarts it as it becomes ready; the message goes to its successor.
    const bypassRestart = this.modeSwitch.restartUnderWay;
    if (bypassRestart) await bypassRestart;
    // A stop the server began on its own meanwhile (idle sleep, a budget) is waited out, once; one asked for fails.
    if (this.holder.isStoppingUnasked) await this.holder.ensure();
    const cli = this.holder.readyCli();
    const prompt = this.holder.prompt(messageId, message);
    if (!this.holder.sendPrompt(cli, prompt)) await this.holder.handOverUnwritten(cli, prompt);
    this.record([{ type: "message.created", message: { id: messageId, role: "user", parentToolUseId: null, model: null, createdAt: this.deps.now(), parts } }]);
    this.signal({ kind: "user-message-sent" });
    if (storeAnswer) this.committer.storeWithNextCommit(storeAnswer);
    await this.flushAfterOtherSends();
  }

  /**
   * Commits what was recorded once the sends that landed with this one have written their prompts too (the loop's
   * check phase), one send's commit a turn of the loop (send-commits.ts), and resolves after the commit: the send is
   * acknowledged only once its message is stored. Anything that flushes first (a CLI line) commits these events ahead
   * of its own, so the order is unchanged.
   */
  private flushAfterOtherSends(): Promise<void> {
    return commitInItsTurn(() => this.flush());
  }

  /** Answers a pending permission request, question or plan approval. */
  answerPermission(requestId: PermissionId, answer: AnswerPermissionInput, decidedBy: string | null = null): void {
    const cli = this.holder.cli;
    const pending = cli?.translator.pendingPermission(requestId);
    if (!cli || !pending) throw new AppError("permission_not_pending", "This request is no longer waiting for an answer.");
    this.send(encode.encodePermissionAnswer(pending, answer));
    const edited = answer.decision === "allow" ? cli.translator.settlePermission(requestId, answer.updatedInput) : cli.translator.settlePermission(requestId, undefined, "deny");
    const outcome = answer.decision === "allow" ? "allowed" : "denied";
    this.record([...edited, { type: "permission.resolved", requestId, outcome, message: answer.message ?? null, decidedBy }]);
    this.flush();
  }

  /**
   * Interrupts the running turn; the CLI stays up for the next message. Resolves once the turn has ended (its result,
   * or the process's exit), not at the CLI's acknowledgement, which comes first: a message sent right after ("Interrupt
   * & send") then follows the interrupted turn in the timeline, and that turn's end does not make its new turn "ready".
   * `cause` names who stopped it on the cards the interrupt withdraws.
   */
  async interrupt(cause: InterruptCause = "user"): Promise<void> {
    const cli = this.holder.cli;
    if (!cli) return;
    const turnEnded = TURN_STATUSES.has(this.state.status) ? this.turnEndWaiters.next(INTERRUPTED_TURN_END_MS) : null;
    if (turnEnded) cli.translator.interruptSent(cause);
    // Not interrupted after all: a request the CLI withdraws later in this turn is its own doing. Forgotten as the
    // refusal is read, since a withdrawal may follow it in the same read, before this function resumes.
    const forgetCause = () => turnEnded && cli.translator.interruptSent(null);
    try {
      await this.control("interrupt", (id) => encode.encodeInterrupt(id), forgetCause);
    } catch (error) {
      turnEnded?.cancel();
      forgetCause();
      throw error;
    }
    await turnEnded?.ended;
  }

  async setModel(model: string | null): Promise<void> {
    if (!this.holder.cli) return;
    await this.control("set_model", (id) => encode.encodeSetModel(id, model));
    this.holder.cli?.contextUsage.modelChanged();
    this.record(this.holder.cli?.translator.modelChosen(model) ?? []);
    this.flush();
  }

  /** Tells a running CLI the conversation's new effort level; the next launch passes it as `--effort` anyway. */
  async setEffort(effort: EffortLevel | null): Promise<void> {
    if (!this.holder.cli) return;
    await this.control("apply_flag_settings", (id) => encode.encodeSetEffort(id, effort));
  }

  /** A device shows the context figures: the CLI is asked unless its last figure is current (ADR 0038). */
  watchContextUsage(): boolean {
    return this.holder.cli?.contextUsage.watched() ?? false;
  }

  /** Changes the permission mode; `save` stores it once the running CLI took it (see PermissionModeSwitch, ADR 0104). */
  setPermissionMode(mode: PermissionMode, save: () => void): Promise<void> {
    return this.modeSwitch.set(mode, save);
  }

  /**
   * A control request of another room (e.g. `mcp_status`, `mcp_reconnect`) to the running CLI; null when no CLI
   * runs. A refusal throws an AppError with the CLI's message; no answer within `timeoutMs` throws too.
   */
  async controlRequest(subtype: string, fields: Record<string, unknown>, timeoutMs = 20_000): Promise<unknown> {
    if (!this.holder.cli) return null;
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
  stop(reason?: string, handoff?: "terminal"): Promise<void> {
    return this.holder.stop(reason, handoff);
  }

  /** Ends the CLI process for the server's own reasons (a changed budget): a message meeting the stop is not refused. */
  stopForNextLaunch(): Promise<void> {
    return this.holder.stopForNextLaunch();
  }

  /** The idle-sleep setting changed: applies to this conversation's idle process at once. */
  idleSleepChanged(): void {
    this.holder.idleSleepChanged();
  }

  /** Ends the process (when alive) and launches it again with `--resume`, so the user sees a fresh, ready CLI. */
  relaunch(): Promise<void> {
    return this.holder.relaunch();
  }

  /** Partially streamed parts, for a socket that subscribes mid-stream. */
  inFlightDeltas(): EphemeralEvent[] {
    return this.holder.cli?.translator.takeInFlightParts() ?? [];
  }

  private async initialize(): Promise<void> {
    const options = { promptSuggestions: this.deps.promptSuggestions?.() ?? false, ...(this.deps.skillRefusal ? { hooks: SKILL_GATE_HOOKS } : {}) };
    const outcome = await this.control("initialize", (id) => encode.encodeInitialize(id, options)).catch(() => null);
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
      isAlive: () => this.holder.cli?.process === process,
      report: (event) => {
        this.record([event]);
        this.flush();
      },
    });
  }

  private async control(subtype: string, build: (requestId: string) => HostMessage, onRefused?: () => void): Promise<unknown> {
    const cli = this.requireCli();
    const { requestId, answer } = cli.requests.open(subtype, onRefused);
    this.send(build(requestId));
    const outcome = await answer;
    if (!outcome.ok) throw new AppError("bad_request", `Claude Code refused ${subtype}: ${outcome.error}`);
    return outcome.response;
  }

  private onCliMessage(message: CliMessage, translator: CliTranslator): void {
    if (message.type === "control_request" && !isPermissionRequest(message)) return this.answerCliRequest(message);
    this.record(withPlanText(translator.translate(message)));
  }

  /** Hook callbacks and requests we do not serve get a well-formed answer, so the CLI never waits forever. */
  private answerCliRequest(message: CliMessage): void {
    const skillCall = skillGateQuestion(message);
    // The switches are read at each call: a skill switched off while this CLI runs is refused from its next call.
    if (skillCall) return this.send(encodeSkillGateAnswer(skillCall.requestId, this.deps.skillRefusal?.(skillCall.skillName) ?? null));
    const requestId = typeof message.request_id === "string" ? message.request_id : null;
    if (!requestId) return;
    const subtype = (message.request as { subtype?: unknown } | undefined)?.subtype;
    this.send(subtype === "hook_callback" ? encode.encodeControlSuccess(requestId, { continue: true }) : encode.encodeControlError(requestId, `ChatML does not handle ${String(subtype)}`));
  }

  /** Commits a durable snapshot of the reply being streamed (see StreamCheckpoint). */
  private saveCheckpoint(): void {
    const snapshots = this.holder.cli?.translator.checkpointInFlight() ?? [];
    if (snapshots.length === 0) return;
    this.record(snapshots);
    this.flush();
  }

  private record(events: DomainEvent[]): void {
    // A process's exit cancels what it asked before it says it exited: its status follows the exit alone, so a
    // cancelled permission does not make the dead process "running" on the way.
    const isExit = events.some((event) => event.type === "process.exited");
    for (const event of events) {
      this.committer.add([event]);
      if (!isExit || event.type === "process.exited") this.signal({ kind: "cli-event", event });
      if (event.type === "turn.completed") this.holder.cli?.contextUsage.turnEnded();
      if (isTurnEnd(event)) this.turnEndWaiters.turnEnded();
      if (event.type === "cli.status.changed" && event.status === "compacting") this.holder.cli?.contextUsage.compacting();
    }
  }

  private signal(signal: RuntimeSignal): void {
    const next = nextStatus(this.state, signal);
    const changed = next.status !== this.state.status || next.reason !== this.state.reason;
    this.state = next;
    if (!changed) return;
    this.committer.add([{ type: "conversation.status.changed", status: next.status, reason: next.reason }]);
    this.holder.statusChanged(next.status);
    if (next.status === "ready") this.modeSwitch.becameReady();
  }

  /**
   * Commits and publishes as one bus batch: a turn start's frames (the user's message, the status, the listed row,
   * the budget) reach each socket in one write instead of five (ADR 0315).
   */
  private flush(): void {
    this.deps.bus.batch(() => {
      const committed = this.committer.flush();
      if (committed.some(changesConversationRow)) this.deps.onConversationChanged(this.deps.conversationId);
    });
  }

  private send(line: HostMessage): void {
    if (!this.requireCli().process.send(line)) throw new AppError("cli_unavailable", "The Claude Code process is not accepting input.");
  }

  private requireCli() {
    const cli = this.holder.cli;
    if (!cli) throw new AppError("cli_unavailable", "The Claude Code process is not running.");
    return cli;
  }
}

/** While a turn runs (or waits on the user), an interrupt ends it with a result. */
const TURN_STATUSES: ReadonlySet<ConversationStatus> = new Set(["running", "waiting"]);
/** How long an interrupt waits for the interrupted turn's result before it answers anyway. */
const INTERRUPTED_TURN_END_MS = 10_000;
