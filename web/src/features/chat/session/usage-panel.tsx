import type { ConversationId, UsageTotals } from "../../../../../shared/index.ts";
import { BudgetBars, BudgetForm, useBudget } from "../../budgets/index.ts";

/** The context window assumed when the CLI does not say (Claude models: 200k tokens). */
const CONTEXT_WINDOW = 200_000;

/** Totals over the whole conversation (cost, tokens, model turns), context use, and the budget with live bars. */
export function UsagePanel({ id }: { id: ConversationId }) {
  const { budget, save, error } = useBudget(id);
  return (
    <section aria-label="Usage" className="space-y-3">
      <h3 className="mb-1 text-xs font-medium text-stone-500">Usage</h3>
      {budget && budget.totals.runs + budget.totals.turns > 0 ? <Totals totals={budget.totals} /> : <p className="text-xs text-stone-500">No usage yet.</p>}
      {budget ? <BudgetBars budget={budget} /> : null}
      {budget ? <BudgetForm key={JSON.stringify(budget.limits)} budget={budget} error={error} onSave={save} /> : null}
    </section>
  );
}

function Totals({ totals }: { totals: UsageTotals }) {
  const context = totals.contextTokens;
  const rows: Array<[string, string]> = [
    ["Cost", `$${totals.costUsd.toFixed(4)}`],
    ["Input tokens", totals.inputTokens.toLocaleString()],
    ["Output tokens", totals.outputTokens.toLocaleString()],
    ["Cache read / write", `${totals.cacheReadTokens.toLocaleString()} / ${totals.cacheCreationTokens.toLocaleString()}`],
    ["Context used", context !== null ? `${Math.min(100, Math.round((context / CONTEXT_WINDOW) * 100))}% of ${CONTEXT_WINDOW / 1000}k` : "—"],
    ["Turns", `${totals.turns} in ${totals.runs} ${totals.runs === 1 ? "run" : "runs"}`],
  ];
  return (
    <dl data-testid="usage" className="grid grid-cols-2 gap-x-3 gap-y-0.5 text-xs">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-stone-500">{k}</dt>
          <dd className="text-right font-mono">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
