import { formatUsd, type BudgetState } from "../../../../shared/index.ts";

/** Live progress of the limits in force: cost and model turns as bars, the thinking cap as a fact. */
export function BudgetBars({ budget }: { budget: BudgetState }) {
  const { limits, totals } = budget;
  const bars = [
    limits.maxCostUsd !== null ? { label: "Cost budget", used: totals.costUsd, max: limits.maxCostUsd, text: `${formatUsd(totals.costUsd)} of ${formatUsd(limits.maxCostUsd)}` } : null,
    limits.maxTurns !== null ? { label: "Turn budget", used: totals.turns, max: limits.maxTurns, text: `${totals.turns} of ${limits.maxTurns} turns` } : null,
  ].filter((bar) => bar !== null);
  if (bars.length === 0 && limits.maxThinkingTokens === null) return null;
  return (
    <div data-testid="budget-bars" className="space-y-2">
      {bars.map((bar) => {
        const percent = Math.min(100, Math.round((bar.used / bar.max) * 100));
        const tone = percent >= 100 ? "bg-red-600" : percent >= 80 ? "bg-amber-500" : "bg-accent";
        return (
          <div key={bar.label} className="space-y-0.5">
            <div className="flex justify-between text-xs">
              <span className="text-stone-500">{bar.label}</span>
              <span className="font-mono">{bar.text}</span>
            </div>
            <div role="progressbar" aria-label={`${bar.label} used`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={bar.text} className="h-2 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800">
              <div className={`h-full ${tone}`} style={{ width: `${percent}%` }} />
            </div>
          </div>
        );
      })}
      {limits.maxThinkingTokens !== null ? <p className="text-xs text-stone-500">Thinking: up to {limits.maxThinkingTokens.toLocaleString()} tokens per response</p> : null}
      {budget.exhausted ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          The {budget.exhausted === "cost" ? "cost" : "turn"} budget is used up: raise it to continue.
        </p>
      ) : null}
    </div>
  );
}
