import { useRef, useState } from "react";
import { Button } from "../../components/button.tsx";
import { useEscapeLayer } from "../../lib/escape-layers.ts";
import { useRefocusAfter } from "../../lib/focus-layer.ts";

/**
 * A button that asks first: the question and a confirm / keep pair replace it until answered. The confirm takes the
 * focus as the question opens; Escape keeps, and either answer gives the keyboard back to the button (the pair that
 * held it is gone: the focus fell to the page, and a keyboard user started again from the top).
 */
export function ConfirmAction({ label, question, confirmLabel, isBusy, isDanger = false, onConfirm }: { label: string; question: string; confirmLabel: string; isBusy: boolean; isDanger?: boolean; onConfirm: () => void }) {
  const [isAsking, setIsAsking] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  useEscapeLayer(isAsking, () => setIsAsking(false));
  useRefocusAfter(isAsking, askButton);
  if (!isAsking) return <Button ref={askButton} disabled={isBusy} onClick={() => setIsAsking(true)}>{label}</Button>;
  return (
    <div role="group" aria-label={question} className="flex w-full flex-wrap items-center gap-2 rounded-lg bg-stone-100 p-2 dark:bg-stone-800">
      <p className="min-w-0 flex-1 basis-48 text-sm">{question}</p>
      <Button variant={isDanger ? "danger" : "primary"} autoFocus disabled={isBusy} onClick={() => (setIsAsking(false), onConfirm())}>{confirmLabel}</Button>
      <Button variant="ghost" onClick={() => setIsAsking(false)}>Keep it</Button>
    </div>
  );
}
