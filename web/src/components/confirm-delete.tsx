import { useRef, useState } from "react";
import { useEscapeLayer } from "../lib/escape-layers.ts";
import { useRefocusAfter } from "../lib/focus-layer.ts";
import { Button } from "./button.tsx";
import { ConfirmAnswers } from "./confirm-answers.tsx";
import { ErrorText } from "./error-text.tsx";

interface ConfirmDeleteProps {
  /** The button's text, e.g. "Delete". */
  label: string;
  /** Its accessible name, e.g. "Delete Fix the login". */
  name: string;
  /** What is lost, asked before anything happens. */
  question: string;
  /** Deletes; a rejection is shown beside the question, which stays open to try again. */
  onConfirm: () => Promise<unknown>;
  variant?: "ghost" | "danger" | "secondary";
  /** The visible yes and no, when the action is not a deletion ("Sign everyone out" / "Cancel"). */
  yesLabel?: string;
  keepLabel?: string;
}

/**
 * A delete button that asks first: the question with Delete and Keep it (named after `name`) replace it until answered.
 * Escape keeps it too, and the keyboard goes back to the button once the question closes.
 */
export function ConfirmDelete({ label, name, question, onConfirm, variant = "ghost", yesLabel = "Delete", keepLabel = "Keep it" }: ConfirmDeleteProps) {
  const [isAsking, setIsAsking] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const askButton = useRef<HTMLButtonElement>(null);
  useEscapeLayer(isAsking && !isBusy, () => setIsAsking(false));
  useRefocusAfter(isAsking, askButton);
  if (!isAsking) return <Button ref={askButton} variant={variant} aria-label={name} onClick={() => setIsAsking(true)}>{label}</Button>;
  const confirm = async () => {
    setIsBusy(true);
    setError(null);
    try {
      await onConfirm();
      setIsAsking(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <div role="group" aria-label={`Confirm: ${name}`} className="flex w-full basis-full flex-wrap items-center gap-2 rounded-lg bg-red-50 p-2 dark:bg-red-950/40">
      <p className="min-w-0 flex-1 basis-48 text-sm">{question}</p>
      {/* The answers wrap as one pair, under the question at the right: at 390 px "Keep it" went alone to a line of its own. */}
      <span className="ml-auto flex shrink-0 flex-wrap gap-2">
        <ConfirmAnswers name={name} yesLabel={yesLabel} keepLabel={keepLabel} isBusy={isBusy} onYes={() => void confirm()} onKeep={() => setIsAsking(false)} />
      </span>
      <ErrorText message={error} className="basis-full" />
    </div>
  );
}
