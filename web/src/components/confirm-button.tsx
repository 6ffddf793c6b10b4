import { useEffect, useRef, useState } from "react";
import { Button, type ButtonProps } from "./button.tsx";
import { ConfirmAnswers } from "./confirm-answers.tsx";

/**
 * A destructive button that asks first: the first press turns it into "<confirmLabel>?" with Keep beside it, named
 * after what they act on (ConfirmAnswers). Escape or Keep puts the button back, focused.
 */
export function ConfirmButton({
  label,
  confirmLabel,
  name,
  onConfirm,
  variant = "ghost",
  disabled = false,
}: {
  label: string;
  confirmLabel: string;
  name: string;
  onConfirm: () => void;
  variant?: ButtonProps["variant"];
  disabled?: boolean;
}) {
  const [isAsking, setAsking] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  const isReturningFocus = useRef(false);
  useEffect(() => {
    if (isAsking || !isReturningFocus.current) return;
    isReturningFocus.current = false;
    askButton.current?.focus();
  }, [isAsking]);
  const keep = () => {
    isReturningFocus.current = true;
    setAsking(false);
  };
  if (!isAsking) {
    return (
      <Button ref={askButton} variant={variant} aria-label={name} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </Button>
    );
  }
  const yes = () => {
    setAsking(false);
    onConfirm();
  };
  return (
    <span role="group" aria-label={`Confirm: ${name}`} className="inline-flex gap-1" onKeyDown={(event) => event.key === "Escape" && (event.stopPropagation(), keep())}>
      <ConfirmAnswers name={name} yesLabel={`${confirmLabel}?`} keepLabel="Keep" onYes={yes} onKeep={keep} />
    </span>
  );
}
