import { useState, type FormEvent } from "react";
import type { BudgetLimits, BudgetState } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";

const FIELD = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/** Edits a conversation's limits; empty means no limit. */
export function BudgetForm({ budget, error, onSave }: { budget: BudgetState; error: string | null; onSave: (limits: BudgetLimits | null) => Promise<boolean> }) {
  const [cost, setCost] = useState(text(budget.limits.maxCostUsd));
  const [turns, setTurns] = useState(text(budget.limits.maxTurns));
  const [thinking, setThinking] = useState(text(budget.limits.maxThinkingTokens));
  const [isSaving, setIsSaving] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setIsSaving(true);
    await onSave({ maxCostUsd: number(cost), maxTurns: whole(turns), maxThinkingTokens: whole(thinking) });
    setIsSaving(false);
  };
  return (
    <form aria-label="Budget" onSubmit={(e) => void submit(e)} className="space-y-2">
      <div className="grid grid-cols-3 gap-2">
        <label className="space-y-1 text-xs text-stone-500">
          <span>Cost (USD)</span>
          <input aria-label="Cost budget in USD" inputMode="decimal" value={cost} onChange={(e) => setCost(e.target.value)} placeholder="none" className={FIELD} />
        </label>
        <label className="space-y-1 text-xs text-stone-500">
          <span>Turns</span>
          <input aria-label="Turn budget" inputMode="numeric" value={turns} onChange={(e) => setTurns(e.target.value)} placeholder="none" className={FIELD} />
        </label>
        <label className="space-y-1 text-xs text-stone-500">
          <span>Thinking</span>
          <input aria-label="Thinking tokens per response" inputMode="numeric" value={thinking} onChange={(e) => setThinking(e.target.value)} placeholder="default" className={FIELD} />
        </label>
      </div>
      <ErrorText message={error} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={isSaving}>{isSaving ? "Saving…" : "Save budget"}</Button>
        {budget.isOwn ? <Button variant="ghost" onClick={() => void onSave(null)}>Use workspace defaults</Button> : <span className="text-xs text-stone-500">Workspace defaults</span>}
      </div>
    </form>
  );
}

function text(value: number | null): string {
  return value === null ? "" : String(value);
}
function number(value: string): number | null {
  const parsed = Number.parseFloat(value);
  return value.trim() && Number.isFinite(parsed) ? parsed : null;
}
function whole(value: string): number | null {
  const parsed = number(value);
  return parsed === null ? null : Math.round(parsed);
}
