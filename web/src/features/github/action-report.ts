import { useMemo, useState } from "react";
import { errorMessage } from "../../lib/http.ts";

/** How a pull request card's actions tell the card how they went; `action` names the action (and what it acted on). */
export type ActionReport = { failed(action: string, error: unknown): void; succeeded(action: string): void };

/**
 * A pull request card's one error: the newest failure of any of its actions, gone once the action that failed
 * succeeds. Each action kept its own error where it sat, so a merge refused and a failed "Check GitHub" later showed
 * both, one above the checks and one under the comments.
 */
export function useActionReport(): { error: string | null; report: ActionReport } {
  const [failure, setFailure] = useState<{ action: string; message: string } | null>(null);
  const report = useMemo<ActionReport>(
    () => ({
      failed: (action, error) => setFailure({ action, message: errorMessage(error) }),
      succeeded: (action) => setFailure((current) => (current?.action === action ? null : current)),
    }),
    [],
  );
  return { error: failure?.message ?? null, report };
}

/**
 * One card section's actions: `act(name, action, done)` runs one at a time (the buttons are off while one runs), says
 * `done` under them once it succeeds and hands a failure to `report`.
 */
export function useSectionActions(report: ActionReport): { note: string | null; isBusy: boolean; act: (name: string, action: () => Promise<unknown>, done: string) => void } {
  const [note, setNote] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const act = (name: string, action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setNote(null);
    action()
      .then(() => (setNote(done), report.succeeded(name)), (e: unknown) => report.failed(name, e))
      .finally(() => setBusy(false));
  };
  return { note, isBusy, act };
}
