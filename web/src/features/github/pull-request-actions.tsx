import { useId, useState } from "react";
import type { MergeMethod, PullRequest } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ConfirmButton } from "../../components/confirm-button.tsx";
import { usePullRequestStore } from "../../stores/pull-request-store.ts";
import type { ActionReport } from "./action-report.ts";
import { githubApi } from "./github-api.ts";
import { type BlockedBy, blockedBy } from "./mergeability-label.ts";
import { checksMergeGoesPast } from "./merge-past-checks.ts";

const METHOD_LABELS: Record<MergeMethod, string> = { merge: "Merge commit", squash: "Squash and merge", rebase: "Rebase and merge" };

/**
 * Merge (with a method the repository allows), mark ready, edit the description, close; a failure goes to `report`.
 * `leftOut`: what of the session's work a merge would leave out (leftOutOfMerge), said beside Merge.
 */
export function PullRequestActions({ pr, report, leftOut = null }: { pr: PullRequest; report: ActionReport; leftOut?: string | null }) {
  const [method, setMethod] = useState<MergeMethod>(pr.mergeMethods.includes("squash") ? "squash" : (pr.mergeMethods[0] ?? "merge"));
  const [isEditing, setEditing] = useState(false);
  const [body, setBody] = useState(pr.body);
  const [isBusy, setBusy] = useState(false);
  const [isConfirmingMerge, setConfirmingMerge] = useState(false);
  const reasonId = useId();
  const mergeHeldBy = mergeHeldReason(pr);
  // Asked only while a check failed or still runs; checks turning green meanwhile take the question away.
  const checksPast = checksMergeGoesPast(pr.checks);
  const merge = () => (setConfirmingMerge(false), run("merge", () => githubApi.merge(pr.sessionId, method)));
  const run = (name: string, action: () => Promise<{ pullRequest: PullRequest }>, onDone?: () => void) => {
    setBusy(true);
    action()
      .then(
        ({ pullRequest }) => (usePullRequestStore.getState().set(pr.sessionId, pullRequest), report.succeeded(name), onDone?.()),
        (e: unknown) => report.failed(name, e),
      )
      .finally(() => setBusy(false));
  };
  // Opened, the editor starts from the description as it is now (edited since on GitHub or another device, it
  // offered the one this card first showed, and saving put that back over the newer one).
  const toggleEditing = () => (isEditing ? setEditing(false) : (setBody(pr.body), setEditing(true)));
  if (pr.state === "merged" || pr.state === "closed") return null;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        {pr.state === "draft" ? (
          <Button variant="primary" disabled={isBusy} onClick={() => run("ready", () => githubApi.ready(pr.sessionId))}>
            Mark ready for review
          </Button>
        ) : (
          <>
            {/* Wider than its longest label: sized to it, "Squash and merge" ran into the arrow. */}
            <select aria-label="Merge method" className="min-h-11 min-w-48 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900" value={method} onChange={(e) => setMethod(e.target.value as MergeMethod)}>
              {pr.mergeMethods.map((m) => (
                <option key={m} value={m}>
                  {METHOD_LABELS[m]}
                </option>
              ))}
            </select>
            <Button variant="primary" disabled={isBusy || mergeHeldBy !== null} aria-describedby={mergeHeldBy ? reasonId : undefined} onClick={() => (checksPast ? setConfirmingMerge(true) : merge())}>
              Merge
            </Button>
            {isConfirmingMerge && checksPast && mergeHeldBy === null ? (
              <div role="group" aria-label="Merge past checks" className="flex basis-full flex-wrap items-center gap-2 rounded-lg border border-amber-300 bg-amber-50 p-2 dark:border-amber-800 dark:bg-amber-950">
                <p className="basis-full text-sm text-amber-900 dark:text-amber-200">
                  {checksPast} Merge {pr.headRef} into {pr.baseRef} anyway?
                </p>
                <Button variant="danger" disabled={isBusy} onClick={merge}>
                  Merge anyway
                </Button>
                <Button variant="ghost" onClick={() => setConfirmingMerge(false)}>
                  Cancel
                </Button>
              </div>
            ) : null}
            {mergeHeldBy ? (
              <p id={reasonId} className="basis-full text-xs text-stone-600 dark:text-stone-400">
                {mergeHeldBy}
              </p>
            ) : null}
            {leftOut ? (
              <p data-testid="merge-leaves-out" className="basis-full text-xs text-amber-800 dark:text-amber-300">
                {leftOut}
              </p>
            ) : null}
          </>
        )}
        <Button disabled={isBusy} onClick={toggleEditing}>
          Edit description
        </Button>
        {/* Asks first: one stray tap beside Edit description closed the PR on GitHub, and ChatML offers no reopen. */}
        <ConfirmButton label="Close pull request" confirmLabel={`Close #${pr.number}`} name={`Close pull request #${pr.number}`} disabled={isBusy} onConfirm={() => run("close", () => githubApi.close(pr.sessionId))} />
      </div>
      {isEditing ? (
        // Closed once saved: a refused save keeps what was typed in front of the user, beside the error.
        <form className="flex flex-col gap-2" onSubmit={(e) => (e.preventDefault(), run("description", () => githubApi.update(pr.sessionId, { body }), () => setEditing(false)))}>
          <textarea aria-label="Description" className="min-h-40 w-full rounded-lg border border-stone-300 bg-white p-2 font-mono text-sm dark:border-stone-700 dark:bg-stone-900" value={body} onChange={(e) => setBody(e.target.value)} />
          <Button type="submit" variant="primary" className="self-start">
            Save description
          </Button>
        </form>
      ) : null}
    </div>
  );
}

/**
 * Why Merge is held back, or null: GitHub refuses a merge while the PR conflicts, cannot say yet while it works
 * mergeability out, and refuses a PR `behind` its base (the button was live, and a tap only earned a refusal). The card
 * reads the PR again soon while GitHub works, so Merge comes back by itself. GitHub says `behind` only when the base's
 * protection wants branches up to date (strict required checks): a branch merely behind an unprotected base is
 * `clean` or `unstable`, and may merge. `blocked` (a required check or review missing) is refused as well.
 */
export function mergeHeldReason(pr: PullRequest): string | null {
  if (pr.state !== "open") return null;
  if (pr.isMergeable === false || pr.mergeableState === "dirty") return `Merge is off: ${pr.headRef} conflicts with ${pr.baseRef}. Merge ${pr.baseRef} into it first.`;
  if (pr.isMergeable === null || pr.mergeableState === "unknown") return "Merge is off until GitHub has checked whether it can be merged (a few seconds).";
  if (pr.mergeableState === "behind") return `Merge is off: ${pr.baseRef}'s protection wants ${pr.headRef} up to date with it. Update branch first.`;
  const blocked = blockedBy(pr);
  return blocked ? BLOCKED_REASONS[blocked](pr) : null;
}

/** Why GitHub refuses a `blocked` PR's merge (a tap on a live Merge only earned the 405), and what lifts it. */
const BLOCKED_REASONS: Record<BlockedBy, (pr: PullRequest) => string> = {
  checks: (pr) => `Merge is off: ${pr.baseRef}'s protection wants its required checks to pass on ${pr.headRef} first.`,
  checks_or_approval: (pr) => `Merge is off: ${pr.baseRef}'s protection waits for required checks to report on ${pr.headRef}, or for an approving review.`,
  approval: (pr) => `Merge is off: ${pr.baseRef}'s protection wants an approving review first.`,
  protection: (pr) => `Merge is off: ${pr.baseRef}'s branch protection blocks it. See the pull request on GitHub for the rule.`,
};
