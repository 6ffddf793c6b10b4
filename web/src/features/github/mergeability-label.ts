import type { PullRequest } from "../../../../shared/index.ts";

/**
 * What GitHub's `mergeable` and `mergeable_state` say of an open PR, in words; null for a PR that is not open. Blocked
 * says by what, as far as the card knows: a check, a review, or else branch protection's other rules.
 */
export function mergeabilityLabel(pr: PullRequest): string | null {
  if (pr.state !== "open") return null;
  if (pr.isMergeable === false || pr.mergeableState === "dirty") return "Conflicts";
  if (pr.isMergeable === null || pr.mergeableState === "unknown") return "Checking mergeability";
  switch (pr.mergeableState) {
    case "blocked":
      if (pr.checkSummary === "failing" || pr.checkSummary === "pending") return "Blocked by required checks";
      // No check reported on the head yet (just pushed, or brought up to date by Update branch) and no review asked
      // for: a required check still to come blocks it as well as a missing approval would. It said "until approved".
      if (pr.checkSummary === "none" && pr.reviewDecision === null) return "Blocked until required checks report, or it is approved";
      return pr.reviewDecision !== "approved" ? "Blocked until approved" : "Blocked by branch protection";
    case "behind":
      return `Behind ${pr.baseRef}: update the branch`;
    case "unstable":
      return pr.checkSummary === "pending" ? "Mergeable, checks running" : "Mergeable, with failing checks";
    default:
      return "Mergeable";
  }
}
