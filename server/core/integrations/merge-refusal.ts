import { AppError } from "../../../shared/protocol/errors.ts";
import type { PullRequest } from "../../../shared/protocol/integrations.ts";

/**
 * GitHub's refusal of a merge, said with what to do next, from the PR as read again after the refusal. GitHub's own
 * words ("Pull Request is not mergeable", "Head branch was modified") name no way on; the state read after the
 * refusal does (conflicts, a base the branch must catch up with, mergeability still being worked out, new commits).
 *
 * @example mergeRefusal(refused, { ...pr, mergeableState: "dirty" }, "abc") // "#3 conflicts with main: merge main into …"
 */
export function mergeRefusal(refused: AppError, pr: PullRequest, triedSha: string): AppError {
  const head = pr.headRef;
  const base = pr.baseRef;
  const catchUp = `merge ${base} into ${head} (ask Claude, or run git in a terminal), push, then merge again`;
  const details = { reason: "merge_refused", mergeableState: pr.mergeableState };
  if (pr.state !== "open") return new AppError("conflict", `#${pr.number} is ${pr.state} now; there is nothing left to merge.`, details);
  if (pr.headSha !== triedSha) {
    return new AppError("conflict", `${head} has new commits on GitHub since ChatML last read #${pr.number}: look at them, then merge again.`, details);
  }
  if (pr.isMergeable === false || pr.mergeableState === "dirty") return new AppError("conflict", `#${pr.number} conflicts with ${base}: ${catchUp}.`, details);
  if (pr.mergeableState === "behind") return new AppError("conflict", `#${pr.number} is behind ${base}, and ${base}'s protection wants it up to date: ${catchUp}.`, details);
  if (pr.mergeableState === "blocked") {
    return new AppError("conflict", `${refused.message} Merge again once that is settled (fix and push, wait for the checks, or get the review), or merge it on GitHub if you may bypass the rule.`, details);
  }
  if (pr.isMergeable === null || pr.mergeableState === "unknown") {
    return new AppError("conflict", `${refused.message} GitHub is still working out whether #${pr.number} can be merged; merge again in a few seconds.`, details);
  }
  return new AppError("conflict", refused.message, details);
}
