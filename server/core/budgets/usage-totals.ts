import type { BudgetLimitKind, BudgetLimits, UsageTotals } from "../../../shared/protocol/budgets.ts";
import { usedUpSentence } from "../../../shared/budget-text.ts";

/** The figures of one finished turn that totals are summed from (a `turn.completed` event). */
export type TurnResultFigures = {
  totalCostUsd: number | null;
  numTurns: number | null;
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheCreationTokens: number } | null;
};

export const EMPTY_TOTALS: UsageTotals = { costUsd: 0, turns: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, contextTokens: null, runs: 0, unpricedRuns: 0 };

/**
 * Totals summed so far (cost shown rounded to the micro-dollar), with what the next result needs: the unrounded cost,
 * the last cumulative cost the CLI reported and the seq of the last result added.
 */
export type TotalsFold = { totals: UsageTotals; costUsd: number; previousCost: number; throughSeq: number };

const EMPTY_FOLD: TotalsFold = { totals: EMPTY_TOTALS, costUsd: 0, previousCost: 0, throughSeq: 0 };

/**
 * Adds one turn result to the totals. The CLI reports cost cumulatively per CLI session, so each result adds what
 * grew since the previous one; a smaller figure means a new CLI session began (no `--resume`), which adds in full.
 * Tokens and model turns are per result and simply add up. A result without a cost (an interactive turn, mirrored from
 * its transcript) is counted as not priced. `seq` is the result's event seq: a result at or before `throughSeq` is
 * already in the totals and changes nothing.
 */
export function addTurn(fold: TotalsFold, result: TurnResultFigures, seq: number): TotalsFold {
  if (seq <= fold.throughSeq) return fold;
  const totals = { ...fold.totals };
  let { costUsd, previousCost } = fold;
  if (result.totalCostUsd !== null) {
    costUsd += result.totalCostUsd >= previousCost ? result.totalCostUsd - previousCost : result.totalCostUsd;
    totals.costUsd = Math.round(costUsd * 1e6) / 1e6;
    previousCost = result.totalCostUsd;
  } else {
    totals.unpricedRuns = (totals.unpricedRuns ?? 0) + 1;
  }
  totals.turns += result.numTurns ?? 0;
  totals.runs += 1;
  const u = result.usage;
  if (u) {
    totals.inputTokens += u.inputTokens;
    totals.outputTokens += u.outputTokens;
    totals.cacheReadTokens += u.cacheReadTokens;
    totals.cacheCreationTokens += u.cacheCreationTokens;
    if (u.inputTokens + u.cacheReadTokens + u.cacheCreationTokens > 0) totals.contextTokens = u.inputTokens + u.cacheReadTokens + u.cacheCreationTokens;
  }
  return { totals, costUsd, previousCost, throughSeq: seq };
}

/** Folds a conversation's turn results, in order of their events' seqs (see {@link addTurn}). */
export function foldTurns(results: { seq: number; result: TurnResultFigures }[]): TotalsFold {
  return results.reduce((fold, { seq, result }) => addTurn(fold, result, seq), EMPTY_FOLD);
}

/** Which limit the totals have reached, cost first; null while both have room. */
export function exhaustedLimit(limits: BudgetLimits, totals: UsageTotals): BudgetLimitKind | null {
  if (limits.maxCostUsd !== null && totals.costUsd >= limits.maxCostUsd) return "cost";
  if (limits.maxTurns !== null && totals.turns >= limits.maxTurns) return "turns";
  return null;
}

/**
 * Whose setting a limit is: a job run's conversation has its job's cost budget, and its job's turn budget when the job
 * sets one ("job-turns", ADR 0165) or else its workspace's default (ADR 0162); any other conversation its own
 * (Session controls).
 */
export type CostBudgetOwner = "conversation" | "job" | "job-turns";

/** The sentence a conversation shows when a limit stopped it or refuses a message. */
export function limitMessage(kind: BudgetLimitKind, limits: BudgetLimits, totals: UsageTotals, costOwner: CostBudgetOwner = "conversation"): string {
  const used = usedUpSentence(kind, limits, totals);
  if (costOwner === "conversation") return `${used} Raise it in Session controls to continue.`;
  if (kind === "cost") return `${used} A run's budget is its job's: raise it in the job's settings, then run it again.`;
  if (costOwner === "job-turns") return `${used} A run's turn budget is its job's: raise it in the job's settings, then run it again.`;
  return `${used} A run's turn budget is its workspace's default: raise it in the workspace's settings, then run the job again.`;
}

