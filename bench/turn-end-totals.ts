/**
 * What the end of a turn costs the budget service as a conversation grows: one conversation with H finished turns
 * stored (1, 100, 1,000, 5,000), then 50 more turns end one by one, each committed and published on the bus as the
 * runtime's committer does. CPU µs per turn end:
 *   floor   — commit and publish only (the bus without the budget service)
 *   budgets — the same with the budget service subscribed (its totals, its entity frame)
 * Before ADR 0046 the service summed every stored result again at each turn end, so its cost grew with H.
 * `bun bench/turn-end-totals.ts`
 */
import type { DurableEvent } from "../shared/protocol/events.ts";
import { BudgetService } from "../server/core/budgets/budget-service.ts";
import { EventBus } from "../server/core/event-bus.ts";
import { openTempDb, seedConversation } from "../server/persistence/test-support.ts";
import { report, round } from "./support/bench-server.ts";

const HISTORIES = [1, 100, 1000, 5000];
const ENDS = 50;

const result = (cost: number): DurableEvent => ({
  type: "turn.completed",
  isError: false,
  subtype: "success",
  resultText: "done",
  errors: [],
  totalCostUsd: cost,
  usage: { inputTokens: 100, outputTokens: 10, cacheReadTokens: 5, cacheCreationTokens: 0 },
  numTurns: 1,
  durationMs: 1,
  durationApiMs: 1,
  terminalReason: null,
  apiErrorStatus: null,
});

/** CPU µs per turn end after `history` stored turns, with or without the budget service on the bus. */
function perTurnEnd(history: number, withBudgets: boolean): number {
  const t = openTempDb();
  const bus = new EventBus();
  const stop = withBudgets ? new BudgetService({ repos: t.repos, bus, now: () => 1, interrupt: async () => undefined, relaunchIfIdle: async () => undefined }).start() : () => undefined;
  try {
    const { conversation } = seedConversation(t.repos);
    t.repos.events.appendBatch(conversation.id, Array.from({ length: history }, (_, i) => result(0.01 * (i + 1))), 1);
    const end = (cost: number) => {
      for (const sequenced of t.repos.events.appendBatch(conversation.id, [result(cost)], 1)) bus.publish({ kind: "event", conversationId: conversation.id, sequenced });
    };
    end(0.01 * (history + 1)); // the first end reads the totals once, as after a start
    const before = process.cpuUsage();
    for (let i = 0; i < ENDS; i++) end(0.01 * (history + 2 + i));
    const used = process.cpuUsage(before);
    return (used.user + used.system) / ENDS;
  } finally {
    stop();
    t.cleanup();
  }
}

const rows = HISTORIES.map((history) => {
  const floor = perTurnEnd(history, false);
  const budgets = perTurnEnd(history, true);
  return { "stored turns": history, "floor µs": round(floor, 0), "with budgets µs": round(budgets, 0), "× floor": round(budgets / floor, 1) };
});
report("turn end: CPU µs per finished turn, by turns already stored", rows, { ends: ENDS, rows });
