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

/**
 * GitHub's refusal to update a PR's branch, with the way on: a conflict needs a merge done by hand (or by Claude), new
 * commits need a look first.
 *
 * @example updateRefusal(refused, pr) // "GitHub cannot update feature with main: they conflict. Ask Claude to merge main …"
 */
export function updateRefusal(refused: AppError, pr: PullRequest): AppError {
  const details = { reason: "update_refused" };
  if (/conflict/i.test(refused.message)) {
    return new AppError("conflict", `GitHub cannot update ${pr.headRef} with ${pr.baseRef}: they conflict. Ask Claude to merge ${pr.baseRef} (it resolves the conflicts and pushes), or merge it in a terminal.`, { ...details, isConflicting: true });
  }
  if (/expected head sha/i.test(refused.message)) {
    return new AppError("conflict", `${pr.headRef} has new commits on GitHub since ChatML last read #${pr.number}: look at them, then update again.`, details);
  }
  if (/no new commits/i.test(refused.message)) return new AppError("conflict", `${pr.headRef} already has every commit of ${pr.baseRef}; there is nothing to update.`, details);
  return new AppError("conflict", refused.message, details);
}
