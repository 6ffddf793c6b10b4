import { useEffect, useRef, useState, type FormEvent, type Ref } from "react";
import type { WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { budgetsApi } from "../../lib/budgets-api.ts";
import { errorMessage } from "../../lib/http.ts";
import { EMPTY_MEANS, fieldsOf, limitsFromFields, type BudgetFields } from "./budget-fields.ts";

const FIELD = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/**
 * The limits a workspace's new conversations start with, and every run of its jobs (a job sets only its own cost
 * budget). `focusTurns` brings the turn budget into view with the cursor in it (a run its turn budget stopped).
 */
export function WorkspaceBudgetForm({ workspaceId, focusTurns = false }: { workspaceId: WorkspaceId; focusTurns?: boolean }) {
  const [fields, setFields] = useState<BudgetFields | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const turnsRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    budgetsApi.getWorkspace(workspaceId).then((limits) => setFields(fieldsOf(limits)), (e: unknown) => setErrors([errorMessage(e)]));
  }, [workspaceId]);
  const isLoaded = fields !== null;
  useEffect(() => {
    if (!isLoaded || !focusTurns) return;
    turnsRef.current?.focus();
    turnsRef.current?.scrollIntoView({ block: "center" });
  }, [isLoaded, focusTurns]);
  if (!fields) return <ErrorText message={errors[0] ?? null} />;
  const change = (field: keyof BudgetFields, value: string) => setFields({ ...fields, [field]: value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = limitsFromFields(fields);
    setNote(null);
    if (!result.ok) return setErrors(Object.values(result.errors));
    try {
      setFields(fieldsOf(await budgetsApi.setWorkspace(workspaceId, result.limits)));
      setErrors([]);
      setNote("Saved: conversations without a budget of their own and the next job runs use these now.");
    } catch (err) {
      setErrors([errorMessage(err)]);
    }
  };
  const box = (field: keyof BudgetFields, label: string, name: string, ref?: Ref<HTMLInputElement>) => (
    <label className="space-y-1 text-xs text-stone-500">
      <span>{label}</span>
      <input ref={ref} aria-label={name} inputMode={field === "maxCostUsd" ? "decimal" : "numeric"} value={fields[field]} onChange={(e) => change(field, e.target.value)} placeholder={EMPTY_MEANS[field]} className={FIELD} />
    </label>
  );
  return (
    <form aria-label="Default budget" onSubmit={(e) => void submit(e)} className="space-y-2">
      <h3 className="text-sm font-medium">Default budget</h3>
      <p className="text-xs text-stone-500">For this workspace&apos;s conversations that have no budget of their own, and every run of its jobs (a job&apos;s own budget sets only its cost).</p>
      <div className="grid grid-cols-3 gap-2">
        {box("maxCostUsd", "Cost (USD)", "Default cost budget in USD")}
        {box("maxTurns", "Turns", "Default turn budget", turnsRef)}
        {box("maxThinkingTokens", "Thinking", "Default thinking tokens per response")}
      </div>
      {errors.map((message) => <ErrorText key={message} message={message} />)}
      {note ? <p role="status" className="text-xs text-stone-500">{note}</p> : null}
      <Button type="submit">Save default budget</Button>
    </form>
  );
}
