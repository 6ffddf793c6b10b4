import type { ConversationId, WorkspaceId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { NO_LIMITS, type BudgetLimits, type BudgetState, type UsageTotals } from "../../../shared/protocol/budgets.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import type { Repositories } from "../../persistence/repositories.ts";
import { WORKING_STATUSES } from "../../../shared/protocol/model.ts";
import type { BusMessage, EventBus } from "../event-bus.ts";
import { addTurn, exhaustedLimit, foldTurns, limitMessage, type CostBudgetOwner, type TotalsFold } from "./usage-totals.ts";
import { formatUsd } from "../../../shared/money.ts";

export type BudgetServiceDeps = {
  repos: Pick<Repositories, "budgets" | "conversations" | "sessions" | "events" | "mcpServers" | "jobs">;
  bus: EventBus;
  now: () => number;
  /** Interrupts a conversation's running turn (the conversation service). */
  interrupt: (conversationId: ConversationId) => Promise<void>;
  /**
   * Ends the CLI when no turn runs so the next message relaunches it with the new limits (its `--max-budget-usd`);
   * it checks and stops in one step, so a message sent at that moment goes to the new process, never a turn cut short.
   */
  relaunchIfIdle: (conversationId: ConversationId) => Promise<void>;
};

/** What a conversation's CLI is launched with so its own limits apply too. */
export type LaunchExtras = { args: string[]; env: Record<string, string> };

/**
 * Budgets: cost, model turns and thinking tokens per conversation (workspace defaults otherwise). Totals are summed
 * from every turn result; a run that takes one model turn too many is interrupted, the CLI stops itself at the cost
 * limit (`--max-budget-usd`), and the conversation says which limit stopped it.
 */
export class BudgetService {
  /** Each conversation's finished totals, read from its events once and then added to turn by turn. */
  private readonly totals = new Map<ConversationId, TotalsFold>();
  /** Model turns of the run in progress (top-level assistant messages since the last result). */
  private readonly inFlight = new Map<ConversationId, number>();
  private readonly interrupted = new Set<ConversationId>();
  /** Top-level assistant messages of the run in progress (their tool calls ask for another model turn). */
  private readonly runMessages = new Map<ConversationId, Set<string>>();
  /** Conversations whose CLI was launched with limits changed while it worked: it is relaunched when it is ready. */
  private readonly relaunchOwed = new Set<ConversationId>();

  constructor(private readonly deps: BudgetServiceDeps) {}

  /** Starts following committed events; returns the unsubscribe function. */
  start(): () => void {
    return this.deps.bus.subscribe((message) => this.onBus(message));
  }

  state(conversationId: ConversationId): BudgetState {
    const own = this.deps.repos.budgets.limits("conversation", conversationId);
    const limits = own ?? this.workspaceDefaults(conversationId);
    const finished = this.finishedTotals(conversationId);
    const totals = { ...finished, turns: finished.turns + (this.inFlight.get(conversationId) ?? 0) };
    return { conversationId, limits, isOwn: own !== null, totals, exhausted: exhaustedLimit(limits, finished) };
  }

  /** Sets a conversation's own limits (null: back to the workspace defaults). A limit below what is spent is refused. */
  async setConversation(conversationId: ConversationId, limits: BudgetLimits | null): Promise<BudgetState> {
    this.conversation(conversationId);
    const totals = this.finishedTotals(conversationId);
    if (limits?.maxCostUsd != null && limits.maxCostUsd <= totals.costUsd) {
      throw new AppError("bad_request", `This conversation has already spent ${formatUsd(totals.costUsd)}; set a cost budget above that, or clear it.`);
    }
    if (limits?.maxTurns != null && limits.maxTurns <= totals.turns) {
      throw new AppError("bad_request", `This conversation has already taken ${totals.turns} model turns; set a turn budget above that, or clear it.`);
    }
    const before = this.state(conversationId).limits;
    this.deps.repos.budgets.setLimits("conversation", conversationId, limits);
    const after = this.publish(conversationId);
    await this.relaunchForLimits(conversationId, before, after.limits);
    return after;
  }

  /** Sets the limits given (a job's, for its run) over the conversation's current ones; a null one keeps the current. */
  overrideConversation(conversationId: ConversationId, { maxCostUsd, maxTurns }: Pick<BudgetLimits, "maxCostUsd" | "maxTurns">): Promise<BudgetState> {
    const current = this.state(conversationId).limits;
    return this.setConversation(conversationId, { ...current, maxCostUsd: maxCostUsd ?? current.maxCostUsd, maxTurns: maxTurns ?? current.maxTurns });
  }

  workspaceLimits(workspaceId: WorkspaceId): BudgetLimits {
    return this.deps.repos.budgets.limits("workspace", workspaceId) ?? NO_LIMITS;
  }

  /**
   * Sets a workspace's default limits. Its conversations without limits of their own take them at once (a message is
   * refused if one is now used up), so their budget is published: an open Session controls shows the limits it holds.
   */
  setWorkspace(workspaceId: WorkspaceId, limits: BudgetLimits): BudgetLimits {
    const before = this.workspaceLimits(workspaceId);
    this.deps.repos.budgets.setLimits("workspace", workspaceId, limits);
    const { conversations, budgets } = this.deps.repos;
    for (const conversation of conversations.listInWorkspace(workspaceId)) {
      if (budgets.limits("conversation", conversation.id) === null) this.inheritDefaults(conversation.id, before, limits);
    }
    return limits;
  }

  /**
   * A conversation without limits of its own takes its workspace's new defaults: its running CLI is relaunched with
   * them as for its own, and one they leave used up says so now, not only when its next message is refused.
   */
  private inheritDefaults(conversationId: ConversationId, before: BudgetLimits, after: BudgetLimits): void {
    const wasExhausted = exhaustedLimit(before, this.finishedTotals(conversationId));
    const state = this.publish(conversationId);
    if (state.exhausted && !wasExhausted) this.appendNotice(conversationId, limitMessage(state.exhausted, state.limits, state.totals, this.ownerOf(conversationId)));
    void this.relaunchForLimits(conversationId, before, after);
  }

  /** A changed cost or thinking limit reaches the CLI only at its launch: now when it is idle, else when its turn ends. */
  private async relaunchForLimits(conversationId: ConversationId, before: BudgetLimits, after: BudgetLimits): Promise<void> {
    if (before.maxCostUsd === after.maxCostUsd && before.maxThinkingTokens === after.maxThinkingTokens) return;
    if (WORKING_STATUSES.has(this.deps.repos.conversations.get(conversationId)?.status ?? "idle")) return void this.relaunchOwed.add(conversationId);
    await this.relaunch(conversationId);
  }

  private relaunch(conversationId: ConversationId): Promise<void> {
    return this.deps.relaunchIfIdle(conversationId).catch((error: unknown) => console.warn(`[budgets] could not restart ${conversationId} with new limits:`, error));
  }

  /** Refuses a new message when a limit is used up, saying which one and how to go on. */
  assertCanSend(conversationId: ConversationId): void {
    const state = this.state(conversationId);
    if (state.exhausted) throw new AppError("conflict", limitMessage(state.exhausted, state.limits, state.totals, this.ownerOf(conversationId)), { budget: state });
  }

  /** Flags and environment for the CLI: its own cost limit and the thinking-token cap. */
  launchExtras(conversationId: ConversationId): LaunchExtras {
    const { limits } = this.state(conversationId);
    const extras: LaunchExtras = { args: [], env: {} };
    if (limits.maxCostUsd !== null) extras.args.push("--max-budget-usd", String(limits.maxCostUsd));
    if (limits.maxThinkingTokens !== null) extras.env.MAX_THINKING_TOKENS = String(limits.maxThinkingTokens);
    return extras;
  }

  private onBus(message: BusMessage): void {
    if (message.kind === "entity" && message.change.kind === "removed" && message.change.entity === "conversation") return this.forget(message.change.id as ConversationId);
    if (message.kind !== "event") return;
    const { conversationId } = message;
    const event = message.sequenced.event;
    if (event.type === "turn.completed") this.onTurnCompleted(conversationId, event, message.sequenced.seq);
    else if (event.type === "process.exited") this.onProcessGone(conversationId);
    else if (event.type === "conversation.status.changed" && event.status === "ready" && this.relaunchOwed.delete(conversationId)) void this.relaunch(conversationId);
    else if (event.type === "message.created" && event.message.role === "assistant" && event.message.parentToolUseId === null && event.message.model !== "<synthetic>" && !this.isCopied(event.message.id)) {
      this.onModelTurn(conversationId, event.message.id, event.message.parts.some((part) => part.kind === "tool"));
    } else if (event.type === "message.part.updated" && event.part.kind === "tool" && this.runMessages.get(conversationId)?.has(event.messageId)) {
      this.checkTurnLimit(conversationId, true);
    }
  }

  /**
   * A process that died mid-run (killed, crashed) leaves no result: the run it had in progress is over, or its model
   * turns (and a turn-limit interrupt already sent) would count against the next run, stopping it early or never.
   */
  private onProcessGone(conversationId: ConversationId): void {
    const hadRun = this.inFlight.delete(conversationId);
    // The next process is launched with the limits as they are now.
    this.relaunchOwed.delete(conversationId);
    this.runMessages.delete(conversationId);
    this.interrupted.delete(conversationId);
    if (hadRun) this.publish(conversationId);
  }

  /** A deleted conversation's totals and turn counts go with it. */
  private forget(conversationId: ConversationId): void {
    this.totals.delete(conversationId);
    this.inFlight.delete(conversationId);
    this.runMessages.delete(conversationId);
    this.interrupted.delete(conversationId);
    this.relaunchOwed.delete(conversationId);
  }

  /** A fork copies earlier answers into its timeline; they are not turns of this one. */
  private isCopied(messageId: string): boolean {
    return this.deps.repos.mcpServers.originalOf(messageId) !== messageId;
  }

  private onModelTurn(conversationId: ConversationId, messageId: string, hasToolCall: boolean): void {
    this.inFlight.set(conversationId, (this.inFlight.get(conversationId) ?? 0) + 1);
    const messages = this.runMessages.get(conversationId) ?? new Set<string>();
    this.runMessages.set(conversationId, messages.add(messageId));
    this.checkTurnLimit(conversationId, hasToolCall, this.publish(conversationId));
  }

  /**
   * The limit allows N whole model turns: a tool call in the Nth means the model wants an (N+1)th, so the run is
   * interrupted there (before the tool's result goes back to the model); an (N+1)th that starts anyway is stopped too.
   */
  private checkTurnLimit(conversationId: ConversationId, hasToolCall: boolean, { limits, totals } = this.state(conversationId)): void {
    if (limits.maxTurns === null || this.interrupted.has(conversationId)) return;
    if (totals.turns < limits.maxTurns || (totals.turns === limits.maxTurns && !hasToolCall)) return;
    this.interrupted.add(conversationId);
    this.deps.interrupt(conversationId).catch((error: unknown) => console.warn(`[budgets] could not interrupt ${conversationId}:`, error));
  }

  private onTurnCompleted(conversationId: ConversationId, event: Extract<DurableEvent, { type: "turn.completed" }>, seq: number): void {
    const wasInterrupted = this.interrupted.delete(conversationId);
    this.inFlight.delete(conversationId);
    this.runMessages.delete(conversationId);
    // The result is added to the totals, not summed again from every earlier one (a long conversation ends turns as
    // fast as a new one); totals read after this event was committed already hold it (its seq says so).
    const before = this.totalsBefore(conversationId, seq);
    const fold = this.totals.get(conversationId);
    if (fold) this.totals.set(conversationId, addTurn(fold, event, seq));
    const state = this.publish(conversationId);
    const stoppedBy = event.subtype === "error_max_budget_usd" ? "cost" : wasInterrupted ? "turns" : null;
    // A run that ended on its own but spent past a limit (one answer that cost more than the room left, the last
    // allowed model turn) stopped nothing, yet the next message will be refused: the conversation says so now, not
    // only once the user has typed that message.
    const limit = stoppedBy ?? (exhaustedLimit(state.limits, before) ? null : state.exhausted);
    if (!limit) return;
    const message = limitMessage(limit, state.limits, state.totals, this.ownerOf(conversationId));
    const text = stoppedBy ? `Stopped: ${message}` : message;
    // After the batch that carried the result has been published, so seqs reach browsers in order.
    setTimeout(() => this.appendNotice(conversationId, text), 0);
  }

  /** The finished totals before the turn result at `seq` (read from the stored results if none are kept yet). */
  private totalsBefore(conversationId: ConversationId, seq: number): UsageTotals {
    const fold = this.totals.get(conversationId);
    if (fold && fold.throughSeq < seq) return fold.totals;
    return foldTurns(this.deps.repos.budgets.turnResults(conversationId).filter((stored) => stored.seq < seq)).totals;
  }

  /**
   * A run's cost limit is its job's budget (ADR 0151), its turn limit the job's too when the job sets one (ADR 0165):
   * raising the conversation's own would not reach its next run.
   */
  private ownerOf(conversationId: ConversationId): CostBudgetOwner {
    const jobId = this.deps.repos.conversations.get(conversationId)?.jobId;
    if (!jobId) return "conversation";
    return this.deps.repos.jobs.get(jobId)?.maxTurns ? "job-turns" : "job";
  }

  private appendNotice(conversationId: ConversationId, text: string): void {
    const [sequenced] = this.deps.repos.events.appendBatch(conversationId, [{ type: "notice", level: "warning", text }], this.deps.now());
    if (sequenced) this.deps.bus.publish({ kind: "event", conversationId, sequenced });
  }

  private publish(conversationId: ConversationId): BudgetState {
    const budget = this.state(conversationId);
    this.deps.bus.publish({ kind: "entity", change: { kind: "budget", budget } });
    return budget;
  }

  private finishedTotals(conversationId: ConversationId): UsageTotals {
    const cached = this.totals.get(conversationId);
    if (cached) return cached.totals;
    const fold = foldTurns(this.deps.repos.budgets.turnResults(conversationId));
    this.totals.set(conversationId, fold);
    return fold.totals;
  }

  private workspaceDefaults(conversationId: ConversationId): BudgetLimits {
    const session = this.deps.repos.sessions.get(this.conversation(conversationId).sessionId);
    return session ? this.workspaceLimits(session.workspaceId) : NO_LIMITS;
  }

  private conversation(conversationId: ConversationId) {
    const conversation = this.deps.repos.conversations.get(conversationId);
    if (!conversation) throw new AppError("not_found", `Conversation ${conversationId} does not exist.`);
    return conversation;
  }
}
