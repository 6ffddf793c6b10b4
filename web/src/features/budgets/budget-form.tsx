import { useEffect, useRef, useState, type FormEvent } from "react";
import type { BudgetLimits, BudgetState } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { EMPTY_MEANS, fieldsOf, limitsFromFields, type BudgetFields } from "./budget-fields.ts";

const FIELD = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/**
 * Edits a conversation's limits; empty means no limit, and a box that holds no number keeps the form from saving.
 * `isFocusedOnUsedUp`: the box of the limit that is used up takes the focus (in view), to be raised.
 */
export function BudgetForm({ budget, error, onSave, isFocusedOnUsedUp = false }: { budget: BudgetState; error: string | null; onSave: (limits: BudgetLimits | null) => Promise<boolean>; isFocusedOnUsedUp?: boolean }) {
  const [fields, setFields] = useState<BudgetFields>(() => fieldsOf(budget.limits));
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof BudgetFields, string>>>({});
  const [isSaving, setIsSaving] = useState(false);
  const costBox = useRef<HTMLInputElement>(null);
  const turnsBox = useRef<HTMLInputElement>(null);
  const usedUp = isFocusedOnUsedUp ? budget.exhausted : null;
  useEffect(() => {
    const box = usedUp === "cost" ? costBox.current : usedUp === "turns" ? turnsBox.current : null;
    box?.scrollIntoView?.({ block: "center" });
    // Selected, so what is typed replaces the used-up limit.
    box?.focus();
    box?.select();
  }, [usedUp]);
  const change = (field: keyof BudgetFields, value: string) => setFields((current) => ({ ...current, [field]: value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = limitsFromFields(fields);
    setFieldErrors(result.ok ? {} : result.errors);
    if (!result.ok) return;
    setIsSaving(true);
    await onSave(result.limits);
    setIsSaving(false);
  };
  return (
    <form aria-label="Budget" onSubmit={(e) => void submit(e)} className="space-y-2">
      <div className="grid grid-cols-3 gap-2">
        <label className="space-y-1 text-xs text-stone-500">
          <span>Cost (USD)</span>
          <input ref={costBox} aria-label="Cost budget in USD" inputMode="decimal" value={fields.maxCostUsd} onChange={(e) => change("maxCostUsd", e.target.value)} aria-invalid={fieldErrors.maxCostUsd !== undefined} placeholder={EMPTY_MEANS.maxCostUsd} className={FIELD} />
        </label>
        <label className="space-y-1 text-xs text-stone-500">
          <span>Turns</span>
          <input ref={turnsBox} aria-label="Turn budget" inputMode="numeric" value={fields.maxTurns} onChange={(e) => change("maxTurns", e.target.value)} aria-invalid={fieldErrors.maxTurns !== undefined} placeholder={EMPTY_MEANS.maxTurns} className={FIELD} />
        </label>
        <label className="space-y-1 text-xs text-stone-500">
          <span>Thinking</span>
          <input aria-label="Thinking tokens per response" inputMode="numeric" value={fields.maxThinkingTokens} onChange={(e) => change("maxThinkingTokens", e.target.value)} aria-invalid={fieldErrors.maxThinkingTokens !== undefined} placeholder={EMPTY_MEANS.maxThinkingTokens} className={FIELD} />
        </label>
      </div>
      {Object.values(fieldErrors).map((message) => <ErrorText key={message} message={message} />)}
      <ErrorText message={error} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={isSaving}>{isSaving ? "Saving…" : "Save budget"}</Button>
        {budget.isOwn ? <Button variant="ghost" onClick={() => void onSave(null)}>Use workspace defaults</Button> : <span className="text-xs text-stone-500">Workspace defaults</span>}
      </div>
    </form>
  );
}
