import type { ReactNode } from "react";
import { ErrorText } from "../../components/error-text.tsx";

export const INPUT = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-sm dark:border-stone-700 dark:bg-stone-900";

/** A labelled control with its error under it. */
export function Field({ label, error, hint, children }: { label: string; error?: string | undefined; hint?: string; children: ReactNode }) {
  return (
    <label className="flex min-w-0 flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      {children}
      {hint ? <span className="text-xs text-stone-500">{hint}</span> : null}
      <ErrorText message={error ?? null} className="text-xs" />
    </label>
  );
}
