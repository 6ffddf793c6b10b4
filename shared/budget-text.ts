import { formatUsd } from "./money.ts";
import type { BudgetLimitKind, BudgetLimits, UsageTotals } from "./protocol/budgets.ts";

/**
 * Which limit is used up and by how much, in the words the server's notices and the web's notice share.
 * @example usedUpSentence("cost", limits, totals) // "The cost budget of $0.05 is used up ($0.06 spent)."
 */
export function usedUpSentence(kind: BudgetLimitKind, limits: BudgetLimits, totals: UsageTotals): string {
  if (kind === "cost") return `The cost budget of ${formatUsd(limits.maxCostUsd ?? 0)} is used up (${formatUsd(totals.costUsd)} spent).`;
  const maxTurns = limits.maxTurns ?? 0;
  return `The turn budget of ${maxTurns} model ${maxTurns === 1 ? "turn" : "turns"} is used up (${totals.turns} taken).`;
}
