import { useEffect, useRef } from "react";
import type { PermissionMode } from "../../../../shared/index.ts";
import type { DraftField, JobDraft } from "./job-draft.ts";
import { Field, INPUT } from "./form-field.tsx";
import { PickableModeOptions } from "../../components/permission-mode-option.tsx";
import { useUnavailablePermissionModes } from "../../stores/server-facts-store.ts";
import type { JobBudgetField } from "../../stores/job-edit-store.ts";
import { EFFORT_CHOICES, EFFORT_HINT } from "../../lib/effort-levels.ts";

type Props = { draft: JobDraft; errors: Partial<Record<DraftField, string>>; onChange: <K extends DraftField>(field: K, value: JobDraft[K]) => void; focusedBudget?: JobBudgetField | null };

/** A job's run options: model, effort, permission mode, budgets, time limit, retries and what happens to missed runs. */
export function JobOptionFields({ draft, errors, onChange, focusedBudget = null }: Props) {
  const unavailableModes = useUnavailablePermissionModes();
  const budgetField = useFocusedWhen(focusedBudget === "cost");
  const turnsField = useFocusedWhen(focusedBudget === "turns");
  const modesNote = unavailableModes.map((u) => u.reason).join(" ");
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label="Model" error={errors.model} hint="Empty: the CLI's default">
        <input className={INPUT} list="job-models" value={draft.model} onChange={(e) => onChange("model", e.target.value)} placeholder="default" />
        <datalist id="job-models">
          <option value="sonnet" />
          <option value="opus" />
          <option value="haiku" />
        </datalist>
      </Field>
      <Field label="Effort" error={errors.effort} hint={EFFORT_HINT}>
        <select className={INPUT} value={draft.effort} onChange={(e) => onChange("effort", e.target.value as JobDraft["effort"])}>
          <option value="">Default</option>
          {EFFORT_CHOICES.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
        </select>
      </Field>
      <Field label="Permission mode" error={errors.permissionMode} {...(modesNote ? { hint: modesNote } : {})}>
        <select className={INPUT} value={draft.permissionMode} onChange={(e) => onChange("permissionMode", e.target.value as PermissionMode)}>
          <PickableModeOptions unavailable={unavailableModes} />
        </select>
      </Field>
      <Field label="Budget (USD)" error={errors.maxBudgetUsd} hint="Empty: no limit; a run that spends more is stopped">
        <input ref={budgetField} className={INPUT} inputMode="decimal" value={draft.maxBudgetUsd} onChange={(e) => onChange("maxBudgetUsd", e.target.value)} placeholder="no limit" />
      </Field>
      <Field label="Turn budget" error={errors.maxTurns} hint="Model turns per run. Empty: the workspace's default turn budget">
        <input ref={turnsField} className={INPUT} inputMode="numeric" value={draft.maxTurns} onChange={(e) => onChange("maxTurns", e.target.value)} placeholder="workspace's default" />
      </Field>
      <Field label="Time limit (minutes)" error={errors.timeoutMinutes} hint="Time waiting for you does not count">
        <input className={INPUT} inputMode="numeric" value={draft.timeoutMinutes} onChange={(e) => onChange("timeoutMinutes", e.target.value)} />
      </Field>
      <Field label="Retries" error={errors.maxRetries} hint="For failures that look transient (overload, rate limits)">
        <input className={INPUT} inputMode="numeric" value={draft.maxRetries} onChange={(e) => onChange("maxRetries", e.target.value)} />
      </Field>
      <Field label="Missed runs" error={errors.missedPolicy} hint="When ChatML was not running, or the repository was removed, at fire time">
        <select className={INPUT} value={draft.missedPolicy} onChange={(e) => onChange("missedPolicy", e.target.value as JobDraft["missedPolicy"])}>
          <option value="run_once">One catch-up run for all missed</option>
          <option value="skip">Skip them</option>
        </select>
      </Field>
    </div>
  );
}

/**
 * A field asked for from elsewhere (a run its budget stopped): focused and scrolled to the middle once drawn. After
 * the screen's own layout effects, which put back where the list was scrolled and would take the field out of view.
 */
function useFocusedWhen(isFocused: boolean) {
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!isFocused || !field.current) return;
    field.current.focus({ preventScroll: true });
    field.current.scrollIntoView({ block: "center" });
  }, [isFocused]);
  return field;
}
