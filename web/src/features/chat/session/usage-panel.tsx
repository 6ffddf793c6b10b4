import { useEffect } from "react";
import { formatUsd, type ConversationId, type UsageTotals } from "../../../../../shared/index.ts";
import { ErrorText } from "../../../components/error-text.tsx";
import { api } from "../../../lib/api.ts";
import { BudgetBars, BudgetForm, useBudget } from "../../budgets/index.ts";
import type { ContextUsageInfo } from "../../../protocol/conversation-view.ts";
import { ContextWindow } from "./context-window.tsx";

/** Totals over the whole conversation (cost, tokens, model turns), context use, and the budget with live bars. */
/** `isBudgetAsked`: opened to raise a used-up budget, whose field takes the focus. */
export function UsagePanel({ id, contextUsage, lastTurnAt, isRunning = false, isBudgetAsked = false }: { id: ConversationId; contextUsage: ContextUsageInfo | null; lastTurnAt: number | null; isRunning?: boolean; isBudgetAsked?: boolean }) {
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
      {budget && budget.totals.runs + budget.totals.turns > 0 ? <Totals totals={budget.totals} isRunning={isRunning} /> : budget ? <p className="text-xs text-stone-500">No usage yet.</p> : null}
      <ContextWindow info={contextUsage} lastTurnTokens={budget?.totals.contextTokens ?? null} lastTurnAt={lastTurnAt} />
      {budget ? <BudgetBars budget={budget} /> : null}
      {budget ? <BudgetForm key={JSON.stringify(budget.limits)} budget={budget} error={error} onSave={save} isFocusedOnUsedUp={isBudgetAsked} /> : null}
    </section>
  );
}

/** `isRunning`: a run is in progress, whose model turns are counted already (it has no result yet, so no run). */
export function Totals({ totals, isRunning = false }: { totals: UsageTotals; isRunning?: boolean }) {
  const rows: Array<[string, string]> = [
    ["Cost", costText(totals)],
    ["Input tokens", totals.inputTokens.toLocaleString()],
    ["Output tokens", totals.outputTokens.toLocaleString()],
    ["Cache read / write", `${totals.cacheReadTokens.toLocaleString()} / ${totals.cacheCreationTokens.toLocaleString()}`],
    ["Turns", turnsText(totals, isRunning)],
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

/** "3 in 2 runs (1 running)", not "1 in 0 runs" while the first run's turns are counted and its result is to come. */
function turnsText({ turns, runs: finished }: UsageTotals, isRunning: boolean): string {
  const runs = finished + (isRunning ? 1 : 0);
  const running = isRunning ? (runs === 1 ? " (running)" : " (1 running)") : "";
  return `${turns} in ${runs} ${runs === 1 ? "run" : "runs"}${running}`;
}

/** The reported cost; runs in the interactive terminal report tokens but no cost, so the figure leaves them out. */
function costText(totals: UsageTotals): string {
  const cost = formatUsd(totals.costUsd);
  const unpriced = totals.unpricedRuns ?? 0;
  if (unpriced === 0) return cost;
  const runs = `${unpriced} terminal ${unpriced === 1 ? "run" : "runs"} not priced`;
  return unpriced === totals.runs ? `not reported (${runs})` : `${cost} + ${runs}`;
}
