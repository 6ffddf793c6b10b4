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
