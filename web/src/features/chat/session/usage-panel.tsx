import { useEffect } from "react";
import { formatUsd, type ConversationId, type UsageTotals } from "../../../../../shared/index.ts";
import { ErrorText } from "../../../components/error-text.tsx";
import { api } from "../../../lib/api.ts";
import { BudgetBars, BudgetForm, useBudget } from "../../budgets/index.ts";
import type { ContextUsageInfo } from "../../../protocol/conversation-view.ts";
import { ContextWindow } from "./context-window.tsx";

/** Totals over the whole conversation (cost, tokens, model turns), context use, and the budget with live bars. */
export function UsagePanel({ id, contextUsage, lastTurnAt }: { id: ConversationId; contextUsage: ContextUsageInfo | null; lastTurnAt: number | null }) {
  const { budget, save, error } = useBudget(id);
  // Someone looks at the figures: the CLI is asked for current ones when they are older than the last turn (ADR 0038).
  useEffect(() => {
    api.watchContextUsage(id).catch(() => undefined);
  }, [id, lastTurnAt]);
  return (
    <section aria-label="Usage" className="space-y-3">
      <h3 className="mb-1 text-xs font-medium text-stone-500">Usage</h3>
      {/* Not loaded (the server could not be reached) is not "no usage": the reason shows until a reconnect loads it. */}
      {budget === null && error ? <ErrorText message={error} /> : null}
      {budget && budget.totals.runs + budget.totals.turns > 0 ? <Totals totals={budget.totals} /> : budget ? <p className="text-xs text-stone-500">No usage yet.</p> : null}
      <ContextWindow info={contextUsage} lastTurnTokens={budget?.totals.contextTokens ?? null} lastTurnAt={lastTurnAt} />
      {budget ? <BudgetBars budget={budget} /> : null}
      {budget ? <BudgetForm key={JSON.stringify(budget.limits)} budget={budget} error={error} onSave={save} /> : null}
    </section>
  );
}

export function Totals({ totals }: { totals: UsageTotals }) {
  const rows: Array<[string, string]> = [
    ["Cost", costText(totals)],
    ["Input tokens", totals.inputTokens.toLocaleString()],
    ["Output tokens", totals.outputTokens.toLocaleString()],
    ["Cache read / write", `${totals.cacheReadTokens.toLocaleString()} / ${totals.cacheCreationTokens.toLocaleString()}`],
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

/** The reported cost; runs in the interactive terminal report tokens but no cost, so the figure leaves them out. */
function costText(totals: UsageTotals): string {
  const cost = formatUsd(totals.costUsd);
  const unpriced = totals.unpricedRuns ?? 0;
  if (unpriced === 0) return cost;
  const runs = `${unpriced} terminal ${unpriced === 1 ? "run" : "runs"} not priced`;
  return unpriced === totals.runs ? `not reported (${runs})` : `${cost} + ${runs}`;
}
