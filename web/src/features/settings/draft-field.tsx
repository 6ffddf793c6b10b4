import { useId, useState, type InputHTMLAttributes, type ReactNode } from "react";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { FIELD, HINT, LABEL } from "./field.ts";

interface DraftFieldProps {
  /** The visible label; also the field's accessible name. */
  label: string;
  /** The saved value as text; null while it loads. */
  saved: string | null;
  /** Sends the draft; the server's refusal arrives as `error` and the draft stays as typed. */
  onSave: (draft: string) => void;
  error: string | null;
  hint?: ReactNode;
  /** The saved value in words, when its text alone would not say it (an empty path: found automatically). */
  savedNote?: string;
  input?: InputHTMLAttributes<HTMLInputElement>;
  children?: ReactNode;
}

/**
 * A typed setting saved with a button (or Enter). What is typed stays in the field until it is saved; when the
 * server refuses it, the field keeps it beside the server's reason and "Saved" says what is still in force.
 */
export function DraftField({ label, saved, onSave, error, hint, savedNote, input, children }: DraftFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const isChanged = draft !== null && draft !== saved;
  // The hint and the refusal are read with the field, not found by wandering past it.
  const hintId = useId();
  const errorId = useId();
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <form
      noValidate
      aria-label={label}
      className="space-y-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (isChanged) onSave(draft);
      }}
    >
      <div className="flex items-end gap-2">
        <label className="min-w-0 flex-1 space-y-1">
          <span className={LABEL}>{label}</span>
          <input {...input} value={draft ?? saved ?? ""} disabled={saved === null} onChange={(e) => setDraft(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={FIELD} />
        </label>
        <Button type="submit" variant="primary" disabled={!isChanged} aria-label={`Save ${label}`}>Save</Button>
      </div>
      {hint ? <span id={hintId} className={HINT}>{hint}</span> : null}
      {saved !== null && (isChanged || error) ? <span className={HINT} data-testid="saved-value">{error ? "Still saved" : "Saved"}: {savedNote ?? saved}</span> : null}
      <ErrorText id={errorId} message={error} />
      {children}
    </form>
  );
}
