import type { PullRequest } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { selectWorktreeCatchUp, usePullRequestStore } from "../../stores/pull-request-store.ts";
import { useSectionActions, type ActionReport } from "./action-report.ts";
import { githubApi } from "./github-api.ts";

/**
 * What became of the session's worktree when its PR's head moved on GitHub (Update branch, a push from elsewhere):
 * fast-forwarded, or a pull to do with the reason and a button. The card said to pull in the Git view, and a worktree
 * left behind had its next push rejected. A failure goes to `report`.
 */
export function WorktreeCatchUpNote({ pr, report }: { pr: PullRequest; report: ActionReport }) {
  const catchUp = usePullRequestStore(selectWorktreeCatchUp(pr.sessionId));
  const { note, isBusy, act } = useSectionActions(report);
  const noteLine = note ? <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">{note}</p> : null;
  if (pr.state !== "open" && pr.state !== "draft") return null;
  if (!catchUp || catchUp.headSha !== pr.headSha) return noteLine;
  if (catchUp.status === "fastForwarded") return <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">{catchUp.message}</p>;
  const pull = async () => usePullRequestStore.getState().setWorktree(pr.sessionId, (await githubApi.pullBranch(pr.sessionId)).worktree);
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
      <p className="text-sm text-amber-900 dark:text-amber-200">{catchUp.message}</p>
      <Button className="self-start" disabled={isBusy} onClick={() => act("pull branch", pull, `Pulled ${pr.headRef} from GitHub into this worktree.`)}>
        Pull the branch
      </Button>
      {noteLine}
    </div>
  );
}
