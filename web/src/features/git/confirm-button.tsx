import { useState } from "react";
import { Button } from "../../components/button.tsx";

/** A destructive button that asks first: the first press turns it into "<confirmLabel>?" with a Cancel beside it. */
export function ConfirmButton({ label, confirmLabel, name, onConfirm }: { label: string; confirmLabel: string; name: string; onConfirm: () => void }) {
  const [isAsking, setAsking] = useState(false);
  if (!isAsking) {
    return (
      <Button variant="ghost" aria-label={name} onClick={() => setAsking(true)}>
        {label}
      </Button>
    );
  }
  return (
    <span role="group" aria-label={`Confirm: ${name}`} className="inline-flex gap-1">
      <Button
        variant="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}?
      </Button>
      <Button variant="ghost" onClick={() => setAsking(false)}>
        Keep
      </Button>
    </span>
  );
}
