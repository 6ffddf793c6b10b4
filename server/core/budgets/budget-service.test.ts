import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JOB_DEFAULTS } from "../../../shared/api/jobs-inputs.ts";
import { newId, type ConversationId } from "../../../shared/ids.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import { BudgetState } from "../../../shared/protocol/budgets.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import { BudgetService } from "./budget-service.ts";
import { foldTurns, type TurnResultFigures } from "./usage-totals.ts";

/** The totals of these results as if stored one after another. */
const sumTurns = (results: TurnResultFigures[]) => foldTurns(results.map((result, index) => ({ seq: index + 1, result }))).totals;

let t: TempDb;
let bus: EventBus;
let interrupted: ConversationId[];
let relaunched: ConversationId[];
let service: BudgetService;
let stop: () => void;

const result = (totalCostUsd: number | null, numTurns: number, subtype = "success"): DurableEvent => ({
  type: "turn.completed",
  isError: subtype !== "success",
  subtype,
  resultText: null,
  errors: [],
  totalCostUsd,
  usage: { inputTokens: 100, outputTokens: 10, cacheReadTokens: 5, cacheCreationTokens: 0 },
  numTurns,
  durationMs: 1,
  durationApiMs: 1,
  terminalReason: null,
  apiErrorStatus: null,
});

/** Commits events and publishes them, as the runtime's committer does. */
function commit(conversationId: ConversationId, events: DurableEvent[]): void {
  for (const sequenced of t.repos.events.appendBatch(conversationId, events, 1)) bus.publish({ kind: "event", conversationId, sequenced });
}

const assistant = (): DurableEvent => ({ type: "message.created", message: { id: newId("message"), role: "assistant", parentToolUseId: null, model: "m", createdAt: 1, parts: [] } });

beforeEach(() => {
  t = openTempDb();
  bus = new EventBus();
  interrupted = [];
  relaunched = [];
  service = new BudgetService({ repos: t.repos, bus, now: () => 1, interrupt: async (id) => void interrupted.push(id), relaunchIfIdle: async (id) => void relaunched.push(id) });
  stop = service.start();
});
afterEach(() => {
  stop();
  t.cleanup();
});

describe("foldTurns", () => {
  it("adds cost growth per CLI session, and a new session's cost in full; tokens and turns add up", () => {
    const totals = sumTurns([
      { totalCostUsd: 0.1, numTurns: 2, usage: null },
      { totalCostUsd: 0.25, numTurns: 1, usage: { inputTokens: 10, outputTokens: 2, cacheReadTokens: 3, cacheCreationTokens: 1 } },
      { totalCostUsd: 0.05, numTurns: 3, usage: null },
    ]);
    expect(totals).toMatchObject({ costUsd: 0.3, turns: 6, inputTokens: 10, outputTokens: 2, contextTokens: 14, runs: 3, unpricedRuns: 0 });
  });

  it("counts an interactive turn's tokens and turns, and the run as not priced, between chat turns of the same session", () => {
    const totals = sumTurns([
      { totalCostUsd: 0.1, numTurns: 1, usage: { inputTokens: 10, outputTokens: 2, cacheReadTokens: 0, cacheCreationTokens: 0 } },
      { totalCostUsd: null, numTurns: 2, usage: { inputTokens: 27540, outputTokens: 76, cacheReadTokens: 0, cacheCreationTokens: 0 } },
      { totalCostUsd: 0.15, numTurns: 1, usage: null },
    ]);
    expect(totals).toMatchObject({ costUsd: 0.15, turns: 4, inputTokens: 27550, outputTokens: 78, contextTokens: 27540, runs: 3, unpricedRuns: 1 });
  });
});

describe("BudgetService", () => {
  it("totals every turn, inherits workspace defaults, and refuses a limit below what is spent", async () => {
    const { workspace, conversation } = seedConversation(t.repos);
    commit(conversation.id, [result(0.1, 2), result(0.3, 1)]);
    expect(service.state(conversation.id).totals).toMatchObject({ costUsd: 0.3, turns: 3, inputTokens: 200, runs: 2 });
    service.setWorkspace(workspace.id, { maxCostUsd: 5, maxTurns: null, maxThinkingTokens: 2048 });
    expect(service.state(conversation.id)).toMatchObject({ isOwn: false, limits: { maxCostUsd: 5 }, exhausted: null });
    expect(service.launchExtras(conversation.id)).toEqual({ args: ["--max-budget-usd", "5"], env: { MAX_THINKING_TOKENS: "2048" } });
    await expect(service.setConversation(conversation.id, { maxCostUsd: 0.2, maxTurns: null, maxThinkingTokens: null })).rejects.toThrow(/already spent \$0\.30/);
    await expect(service.setConversation(conversation.id, { maxCostUsd: null, maxTurns: 3, maxThinkingTokens: null })).rejects.toThrow(/already taken 3 model turns/);
    expect(await service.setConversation(conversation.id, { maxCostUsd: 1, maxTurns: 10, maxThinkingTokens: null })).toMatchObject({ isOwn: true, limits: { maxCostUsd: 1, maxTurns: 10 } });
  });

  it("passes a thinking limit saved under the API's minimum as that minimum, and 0 as off; devices get a state their schema accepts", () => {
    const { conversation } = seedConversation(t.repos);
    // Saved before the minimum was checked: passed on as it was, every request of the conversation failed.
    t.repos.budgets.setLimits("conversation", conversation.id, { maxCostUsd: null, maxTurns: null, maxThinkingTokens: 5 });
    expect(service.launchExtras(conversation.id).env).toEqual({ MAX_THINKING_TOKENS: "1024" });
    // The browser parses a budget (a refused message's, an entity's) with the stricter schema: 5 failed it.
    expect(BudgetState.parse(service.state(conversation.id)).limits.maxThinkingTokens).toBe(1024);
    t.repos.budgets.setLimits("conversation", conversation.id, { maxCostUsd: null, maxTurns: null, maxThinkingTokens: 0 });
    expect(service.launchExtras(conversation.id).env).toEqual({ MAX_THINKING_TOKENS: "0" });
  });

  it("publishes the budget of the workspace's conversations that inherit its defaults when they change, not of one with its own", async () => {
    const { workspace, session, conversation: inheriting } = seedConversation(t.repos);
    const own = t.repos.conversations.create({ sessionId: session.id });
    await service.setConversation(own.id, { maxCostUsd: 9, maxTurns: null, maxThinkingTokens: null });
    commit(inheriting.id, [result(0.3, 1)]);
    const published: unknown[] = [];
    const unsubscribe = bus.subscribe((message) => void (message.kind === "entity" && message.change.kind === "budget" && published.push(message.change.budget)));
    service.setWorkspace(workspace.id, { maxCostUsd: 0.2, maxTurns: null, maxThinkingTokens: null });
    unsubscribe();
    expect(published).toEqual([expect.objectContaining({ conversationId: inheriting.id, isOwn: false, limits: expect.objectContaining({ maxCostUsd: 0.2 }), exhausted: "cost" })]);
  });

  it("relaunches a CLI that inherits a changed default cost limit now when idle, a working one when its turn ends, and one with its own limits never", async () => {
    const { workspace, session, conversation: idle } = seedConversation(t.repos);
    const working = t.repos.conversations.create({ sessionId: session.id });
    const own = t.repos.conversations.create({ sessionId: session.id });
    await service.setConversation(own.id, { maxCostUsd: 9, maxTurns: null, maxThinkingTokens: null });
    const status = (id: ConversationId, to: "ready" | "running") => commit(id, [{ type: "conversation.status.changed", status: to, reason: null }]);
    for (const id of [idle.id, own.id]) status(id, "ready");
    status(working.id, "running");
    relaunched = [];
    service.setWorkspace(workspace.id, { maxCostUsd: 5, maxTurns: null, maxThinkingTokens: null });
    expect(relaunched).toEqual([idle.id]);
    // A turn limit is counted here, not by the CLI: no relaunch for it.
    service.setWorkspace(workspace.id, { maxCostUsd: 5, maxTurns: 40, maxThinkingTokens: null });
    expect(relaunched).toEqual([idle.id]);
    status(working.id, "ready");
    expect(relaunched).toEqual([idle.id, working.id]);
    status(working.id, "running");
    status(working.id, "ready");
    expect(relaunched).toEqual([idle.id, working.id]);
    // A conversation's own limits changed mid-turn reach its CLI at the turn's end the same way.
    status(working.id, "running");
    await service.setConversation(working.id, { maxCostUsd: 2, maxTurns: null, maxThinkingTokens: null });
    expect(relaunched).toEqual([idle.id, working.id]);
    status(working.id, "ready");
    expect(relaunched).toEqual([idle.id, working.id, working.id]);
  });

  it("says at once in a conversation that a lowered workspace default leaves its budget used up, once, and not in one with its own", async () => {
    const { workspace, session, conversation: inheriting } = seedConversation(t.repos);
    const own = t.repos.conversations.create({ sessionId: session.id });
    await service.setConversation(own.id, { maxCostUsd: 9, maxTurns: null, maxThinkingTokens: null });
    for (const id of [inheriting.id, own.id]) commit(id, [result(0.3, 1)]);
    const notices = (id: ConversationId) => t.repos.events.listAfter(id, 0, 100).map((e) => e.event).filter((e) => e.type === "notice");
    service.setWorkspace(workspace.id, { maxCostUsd: 1, maxTurns: null, maxThinkingTokens: null });
    expect(notices(inheriting.id)).toEqual([]);
    service.setWorkspace(workspace.id, { maxCostUsd: 0.2, maxTurns: null, maxThinkingTokens: null });
    expect(notices(inheriting.id)).toEqual([expect.objectContaining({ level: "warning", text: "The cost budget of $0.20 is used up ($0.30 spent). Raise it in Session controls to continue." })]);
    service.setWorkspace(workspace.id, { maxCostUsd: 0.1, maxTurns: null, maxThinkingTokens: null });
    expect(notices(inheriting.id)).toHaveLength(1);
    expect(notices(own.id)).toEqual([]);
  });

  it("interrupts the model turn past the limit, says which limit stopped it, and refuses the next message until raised", async () => {
    const { conversation } = seedConversation(t.repos);
    await service.setConversation(conversation.id, { maxCostUsd: null, maxTurns: 2, maxThinkingTokens: null });
    commit(conversation.id, [assistant(), assistant()]);
    expect(interrupted).toEqual([]);
    expect(service.state(conversation.id).totals.turns).toBe(2);
    commit(conversation.id, [assistant()]);
    expect(interrupted).toEqual([conversation.id]);
    commit(conversation.id, [result(0.2, 3, "error_during_execution")]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const notice = t.repos.events.listAfter(conversation.id, 0, 100).map((e) => e.event).find((e) => e.type === "notice");
    expect(notice).toMatchObject({ level: "warning", text: expect.stringMatching(/^Stopped: The turn budget of 2 model turns is used up \(3 taken\)/) });
    expect(() => service.assertCanSend(conversation.id)).toThrow(/turn budget of 2/);
    await service.setConversation(conversation.id, { maxCostUsd: null, maxTurns: 10, maxThinkingTokens: null });
    expect(() => service.assertCanSend(conversation.id)).not.toThrow();
  });

  it("gives a run after a process that died mid-run (no result) its whole turn budget", async () => {
    const { conversation } = seedConversation(t.repos);
    await service.setConversation(conversation.id, { maxCostUsd: null, maxTurns: 3, maxThinkingTokens: null });
    commit(conversation.id, [assistant(), assistant()]);
    expect(service.state(conversation.id).totals.turns).toBe(2);
    commit(conversation.id, [{ type: "process.exited", code: null, signal: "SIGKILL", reason: "killed by SIGKILL", stderrTail: "", isExpected: false }]);
    expect(service.state(conversation.id).totals.turns).toBe(0);
    commit(conversation.id, [assistant(), assistant(), assistant()]);
    expect(interrupted).toEqual([]);
    commit(conversation.id, [assistant()]);
    expect(interrupted).toEqual([conversation.id]);
  });

  it("adds each finished turn to the totals it holds, the same as summing every stored result, however the batches fall", () => {
    const { conversation } = seedConversation(t.repos);
    const expected: DurableEvent[] = [];
    const add = (events: DurableEvent[]) => {
      commit(conversation.id, events);
      expected.push(...events);
      const stored = expected.filter((e): e is Extract<DurableEvent, { type: "turn.completed" }> => e.type === "turn.completed");
      expect(service.state(conversation.id).totals).toEqual(sumTurns(stored));
    };
    add([result(0.1, 2)]);
    // Two results in one batch: the first one's publish reads totals that already hold the second.
    add([assistant(), result(0.25, 1), assistant(), result(0.4, 1)]);
    // A new CLI session (its cumulative cost starts again), then an interactive turn without a cost.
    add([result(0.05, 3)]);
    add([result(null, 2)]);
    for (let turn = 1; turn <= 40; turn++) add([assistant(), result(0.05 + turn * 0.0123457, 1)]);
    expect(service.state(conversation.id).totals).toMatchObject({ runs: 45, unpricedRuns: 1 });
  });

  it("forgets a deleted conversation's totals", () => {
    const { conversation } = seedConversation(t.repos);
    commit(conversation.id, [result(0.1, 2)]);
    expect(service.state(conversation.id).totals.costUsd).toBe(0.1);
    bus.publish({ kind: "entity", change: { kind: "removed", entity: "conversation", id: conversation.id } });
    t.repos.events.appendBatch(conversation.id, [result(0.5, 1)], 1);
    // Read again from the stored events (a kept total would still say 0.1).
    expect(service.state(conversation.id).totals.costUsd).toBe(0.5);
  });

  it("names the cost limit when the CLI stopped at --max-budget-usd", async () => {
    const { conversation } = seedConversation(t.repos);
    await service.setConversation(conversation.id, { maxCostUsd: 0.01, maxTurns: null, maxThinkingTokens: null });
    commit(conversation.id, [result(0.08, 1, "error_max_budget_usd")]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const events = t.repos.events.listAfter(conversation.id, 0, 100).map((e) => e.event);
    expect(events.at(-1)).toMatchObject({ type: "notice", text: expect.stringContaining("cost budget of $0.01 is used up ($0.08 spent)") });
    expect(service.state(conversation.id).exhausted).toBe("cost");
  });

  it("says a limit is used up when a run that ended on its own crossed it, once, before the next message is refused", async () => {
    const { conversation } = seedConversation(t.repos);
    const notices = () => t.repos.events.listAfter(conversation.id, 0, 100).map((e) => e.event).filter((e) => e.type === "notice");
    await service.setConversation(conversation.id, { maxCostUsd: 0.08, maxTurns: null, maxThinkingTokens: null });
    commit(conversation.id, [result(0.05, 1)]);
    commit(conversation.id, [result(0.11, 1)]);
    await expect.poll(notices).toEqual([expect.objectContaining({ level: "warning", text: "The cost budget of $0.08 is used up ($0.11 spent). Raise it in Session controls to continue." })]);
    expect(() => service.assertCanSend(conversation.id)).toThrow("The cost budget of $0.08 is used up");
    // A further result over the limit (an interactive turn, which no refusal stops) says nothing new.
    commit(conversation.id, [result(0.2, 1)]);
    const turnLimited = seedConversation(t.repos).conversation;
    await service.setConversation(turnLimited.id, { maxCostUsd: null, maxTurns: 1, maxThinkingTokens: null });
    commit(turnLimited.id, [assistant(), result(0.01, 1)]);
    await expect.poll(() => t.repos.events.listAfter(turnLimited.id, 0, 100).map((e) => e.event).at(-1)).toMatchObject({ type: "notice", text: "The turn budget of 1 model turn is used up (1 taken). Raise it in Session controls to continue." });
    expect(notices()).toHaveLength(1);
  });

  it("points a job run that hit its cost limit to the job's budget, which its next run takes, not to Session controls", async () => {
    const { workspace, session } = seedConversation(t.repos);
    const job = t.repos.jobs.create({ ...JOB_DEFAULTS, workspaceId: workspace.id, name: "Nightly tidy", prompt: "Tidy", schedule: { kind: "cron", expression: "0 3 * * *", timezone: "UTC" }, goalId: null, isEnabled: true, nextFireAt: null });
    const conversation = t.repos.conversations.create({ sessionId: session.id, jobId: job.id });
    await service.setConversation(conversation.id, { maxCostUsd: 0.01, maxTurns: null, maxThinkingTokens: null });
    commit(conversation.id, [result(0.08, 1, "error_max_budget_usd")]);
    await expect.poll(() => t.repos.events.listAfter(conversation.id, 0, 100).map((e) => e.event).at(-1)).toMatchObject({ type: "notice" });
    const notice = t.repos.events.listAfter(conversation.id, 0, 100).map((e) => e.event).at(-1);
    expect(notice).toMatchObject({ text: "Stopped: The cost budget of $0.01 is used up ($0.08 spent). A run's budget is its job's: raise it in the job's settings, then run it again." });
    // A message sent to the run afterwards is refused with the same way on: a run has no budget in Session controls.
    expect(() => service.assertCanSend(conversation.id)).toThrow("The cost budget of $0.01 is used up ($0.08 spent). A run's budget is its job's: raise it in the job's settings, then run it again.");
  });

  it("points a run its job's own turn budget stopped to the job's settings, and one without to its workspace's (ADR 0165)", async () => {
    const { workspace, session } = seedConversation(t.repos);
    const stopNoticeOf = async (maxTurns: number | null) => {
      const job = t.repos.jobs.create({ ...JOB_DEFAULTS, maxTurns, workspaceId: workspace.id, name: "Nightly tidy", prompt: "Tidy", schedule: { kind: "cron", expression: "0 3 * * *", timezone: "UTC" }, goalId: null, isEnabled: true, nextFireAt: null });
      const conversation = t.repos.conversations.create({ sessionId: session.id, jobId: job.id });
      await service.setConversation(conversation.id, { maxCostUsd: null, maxTurns: 1, maxThinkingTokens: null });
      commit(conversation.id, [assistant(), assistant()]);
      commit(conversation.id, [result(0.01, 2, "error_during_execution")]);
      await expect.poll(() => t.repos.events.listAfter(conversation.id, 0, 100).map((e) => e.event).at(-1)).toMatchObject({ type: "notice" });
      return t.repos.events.listAfter(conversation.id, 0, 100).map((e) => e.event).at(-1);
    };
    expect(await stopNoticeOf(1)).toMatchObject({ text: "Stopped: The turn budget of 1 model turn is used up (2 taken). A run's turn budget is its job's: raise it in the job's settings, then run it again." });
    expect(await stopNoticeOf(null)).toMatchObject({ text: expect.stringMatching(/A run's turn budget is its workspace's default: raise it in the workspace's settings/) });
  });
});
