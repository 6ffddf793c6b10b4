import type { PullRequest } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { usePullRequestStore } from "../../stores/pull-request-store.ts";
import { useSectionActions, type ActionReport } from "./action-report.ts";
import { githubApi } from "./github-api.ts";

/**
 * The way on for an open PR behind its base or conflicting with it (the card said so and offered nothing): Update
 * branch merges the base in on GitHub (it cannot when they conflict), Ask Claude has the session merge it, resolve the
 * conflicts and push. A failure goes to `report`.
 */
export function BranchCatchUp({ pr, report }: { pr: PullRequest; report: ActionReport }) {
  const { note, isBusy, act } = useSectionActions(report);
  const isConflicting = pr.isMergeable === false || pr.mergeableState === "dirty";
  const noteLine = note ? <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">{note}</p> : null;
  if (pr.state !== "open") return null;
  // Updated, the PR is no longer behind: what was done stays said where the buttons were.
  if (!isConflicting && pr.mergeableState !== "behind") return noteLine;
  const update = async () => usePullRequestStore.getState().set(pr.sessionId, (await githubApi.updateBranch(pr.sessionId)).pullRequest);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2">
        {isConflicting ? null : (
          <Button variant="primary" disabled={isBusy} onClick={() => act("update branch", update, `Merged ${pr.baseRef} into ${pr.headRef} on GitHub.`)}>
            Update branch
          </Button>
        )}
        <Button variant={isConflicting ? "primary" : "secondary"} disabled={isBusy} onClick={() => act("merge base", () => githubApi.askToMergeBase(pr.sessionId), `Asked Claude to merge ${pr.baseRef} in the task conversation.`)}>
          Ask Claude to merge {pr.baseRef}
        </Button>
      </div>
      {noteLine}
    </div>
  );
}
