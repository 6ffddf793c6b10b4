import type { CheckRun } from "../../../../shared/index.ts";
import { checkLabel } from "./check-list.tsx";

/**
 * The checks a merge would go past, said before it happens, or null when every check passed or was skipped (or none
 * ran): a repository without branch protection lets GitHub merge a PR whose checks failed or are still running, and
 * one tap merged it with no word of them. Names each check, failed ones first.
 * @example checksMergeGoesPast(checks) // "test failed, and lint is still running."
 */
export function checksMergeGoesPast(checks: readonly CheckRun[]): string | null {
  const running = checks.filter((check) => check.status !== "completed").map((check) => check.name);
  const failed = checks.filter((check) => check.status === "completed" && !["Passed", "Skipped"].includes(checkLabel(check).text)).map((check) => check.name);
  const parts = [
    failed.length > 0 ? `${failed.join(", ")} failed` : null,
    running.length > 0 ? `${running.join(", ")} ${running.length === 1 ? "is" : "are"} still running` : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? null : `${parts.join(", and ")}.`;
}
