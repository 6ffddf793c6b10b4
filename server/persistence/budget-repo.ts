import type { ConversationId, WorkspaceId } from "../../shared/ids.ts";
import { DurableEvent } from "../../shared/protocol/events.ts";
import { MIN_THINKING_TOKENS, type BudgetLimits } from "../../shared/protocol/budgets.ts";
import type { Clock, Db } from "./db.ts";
import { decodeJson } from "./errors.ts";
import type { KeptRows } from "./kept-rows.ts";

type Scope = "workspace" | "conversation";
type LimitRow = { max_cost_usd: number | null; max_turns: number | null; max_thinking_tokens: number | null };

/** A finished turn's figures, as the budget needs them. */
export type TurnFigures = Extract<DurableEvent, { type: "turn.completed" }>;

/** Budget limits per conversation and workspace defaults, and the turn results usage totals are summed from. */
export class BudgetRepo {
  /** Read ~6 times per send (most conversations have none); forgotten by `db` on every write to budgets (ADR 0132). */
  private readonly kept: KeptRows<BudgetLimits>;

  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {
    this.kept = db.keepRows<BudgetLimits>("budgets", { keepsMissing: true });
  }

  limits(scope: "workspace", ownerId: WorkspaceId): BudgetLimits | null;
  limits(scope: "conversation", ownerId: ConversationId): BudgetLimits | null;
  limits(scope: Scope, ownerId: string): BudgetLimits | null {
    return this.kept.of(`${scope} ${ownerId}`, () => {
      const row = this.db.get<LimitRow>("SELECT max_cost_usd, max_turns, max_thinking_tokens FROM budgets WHERE scope = $scope AND owner_id = $ownerId", { scope, ownerId });
      return row ? { maxCostUsd: row.max_cost_usd, maxTurns: row.max_turns, maxThinkingTokens: thinkingBudget(row.max_thinking_tokens) } : null;
    });
  }

  /** Stores limits, or removes them when `limits` is null. */
  setLimits(scope: Scope, ownerId: string, limits: BudgetLimits | null): void {
    if (!limits) {
      this.db.run("DELETE FROM budgets WHERE scope = $scope AND owner_id = $ownerId", { scope, ownerId });
      return;
    }
    this.db.run(
      `INSERT INTO budgets (scope, owner_id, max_cost_usd, max_turns, max_thinking_tokens, updated_at)
       VALUES ($scope, $ownerId, $cost, $turns, $thinking, $at)
       ON CONFLICT (scope, owner_id) DO UPDATE SET max_cost_usd = excluded.max_cost_usd, max_turns = excluded.max_turns,
         max_thinking_tokens = excluded.max_thinking_tokens, updated_at = excluded.updated_at`,
      { scope, ownerId, cost: limits.maxCostUsd, turns: limits.maxTurns, thinking: limits.maxThinkingTokens, at: this.now() },
    );
  }

  /** Every `turn.completed` of a conversation, oldest first (uses the events-by-type index). */
  turnResults(conversationId: ConversationId): { seq: number; result: TurnFigures }[] {
    return this.db
      .all<{ seq: number; payload: string }>("SELECT seq, payload FROM events WHERE conversation_id = $conversationId AND type = 'turn.completed' ORDER BY seq", { conversationId })
      .map((row) => ({ seq: row.seq, result: decodeJson(DurableEvent, row.payload, `event ${conversationId}#${row.seq}`) as TurnFigures }));
  }
}

/**
 * A thinking limit saved before the API's minimum was checked (1–1023) reads as that minimum: its conversation still
 * runs, and every device gets a budget its schema accepts (the browser's parse refused it, hiding a used-up notice).
 */
function thinkingBudget(tokens: number | null): number | null {
  return tokens === null || tokens === 0 ? tokens : Math.max(tokens, MIN_THINKING_TOKENS);
}
