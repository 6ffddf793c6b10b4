import { useState } from "react";
import { Button } from "../../components/button.tsx";

/** A button that asks first: the question and a confirm / keep pair replace it until answered. */
export function ConfirmAction({ label, question, confirmLabel, isBusy, isDanger = false, onConfirm }: { label: string; question: string; confirmLabel: string; isBusy: boolean; isDanger?: boolean; onConfirm: () => void }) {
  const [isAsking, setIsAsking] = useState(false);
  if (!isAsking) return <Button disabled={isBusy} onClick={() => setIsAsking(true)}>{label}</Button>;
  return (
    <div role="group" aria-label={question} className="flex w-full flex-wrap items-center gap-2 rounded-lg bg-stone-100 p-2 dark:bg-stone-800">
      <p className="min-w-0 flex-1 basis-48 text-sm">{question}</p>
      <Button variant={isDanger ? "danger" : "primary"} disabled={isBusy} onClick={() => (setIsAsking(false), onConfirm())}>{confirmLabel}</Button>
      <Button variant="ghost" onClick={() => setIsAsking(false)}>Keep it</Button>
    </div>
  );
}
