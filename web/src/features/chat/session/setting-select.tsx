import { useId, type ReactNode } from "react";
import { HeldSelect } from "../../../components/held-select.tsx";
import { ErrorText } from "../../../components/error-text.tsx";

const FIELD = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

interface SettingSelectProps {
  label: string;
  value: string;
  /** The picked value is being saved: it shows, with "Saving…" beside the label. */
  isSaving: boolean;
  /** Why the server refused this setting's last pick, said under it. */
  error: string | null;
  disabled: boolean;
  hint?: ReactNode;
  onPick: (value: string) => void;
  children: ReactNode;
}

/** One of the session's settings (model, effort, permission mode): a select with its saving state and its refusal. */
export function SettingSelect({ label, value, isSaving, error, disabled, hint, onPick, children }: SettingSelectProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="flex items-baseline gap-2 text-xs font-medium text-stone-500">
        {label}
        {/* Polite, and always there, so a screen reader hears "Saving…" come and go. */}
        <span role="status" className="font-normal">{isSaving ? "Saving…" : ""}</span>
      </label>
      {/* Named by aria-label: the label's text also holds "Saving…", which is no part of the setting's name. */}
      <HeldSelect id={id} aria-label={label} aria-describedby={described} aria-busy={isSaving || undefined} value={value} disabled={disabled} onChange={(e) => onPick(e.target.value)} className={FIELD}>
        {children}
      </HeldSelect>
      {hint ? <span id={`${id}-hint`} className="block text-xs text-stone-500">{hint}</span> : null}
      <ErrorText id={`${id}-error`} message={error} className="text-xs" />
    </div>
  );
}
