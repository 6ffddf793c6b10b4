import type { PullRequest } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { usePullRequestStore } from "../../stores/pull-request-store.ts";
import { useSectionActions, type ActionReport } from "./action-report.ts";
import { githubApi } from "./github-api.ts";

/**
 * The way on for an open PR behind its base or conflicting with it (the card said so and offered nothing): Update
 * branch merges the base in on GitHub (it cannot when they conflict), Ask Claude has the session merge it, resolve the
 * conflicts and push. Once asked, every device says so and nothing is the accent until that turn ends and the PR is
 * read again: still behind or conflicting, the ask is offered as before. A failure goes to `report`.
 */
export function BranchCatchUp({ pr, report }: { pr: PullRequest; report: ActionReport }) {
  const { note, isBusy, act } = useSectionActions(report);
  const isConflicting = pr.isMergeable === false || pr.mergeableState === "dirty";
  const isAsked = pr.mergeBaseAsk !== null;
  const noteLine = note ? <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">{note}</p> : null;
  if (pr.state !== "open") return null;
  // Updated, the PR is no longer behind: what was done stays said where the buttons were.
  if (!isConflicting && pr.mergeableState !== "behind") return noteLine;
  const store = usePullRequestStore.getState();
  const update = async () => store.set(pr.sessionId, (await githubApi.updateBranch(pr.sessionId)).pullRequest);
  const ask = async () => {
    const { pullRequest } = await githubApi.askToMergeBase(pr.sessionId);
    if (pullRequest) store.set(pr.sessionId, pullRequest);
  };
  return (
    <div className="flex flex-col gap-1">
      {isAsked ? (
        <p role="status" aria-label="Merge asked of Claude" className="text-sm text-stone-600 dark:text-stone-400">
          Claude was asked to merge {pr.baseRef} into {pr.headRef} in the task conversation; this card reads GitHub again when that turn ends.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {isConflicting ? null : (
          <Button variant={isAsked ? "secondary" : "primary"} disabled={isBusy} onClick={() => act("update branch", update, `Merged ${pr.baseRef} into ${pr.headRef} on GitHub.`)}>
            Update branch
          </Button>
        )}
        {/* The ask is said above once made (on every device): no note here, which this device alone would show. */}
        <Button variant={isConflicting && !isAsked ? "primary" : "secondary"} disabled={isBusy} onClick={() => act("merge base", ask, "")}>
          {isAsked ? "Ask Claude again" : `Ask Claude to merge ${pr.baseRef}`}
        </Button>
      </div>
      {noteLine}
    </div>
  );
}
