import type { PullRequest } from "../../../../shared/index.ts";

/** What keeps a `blocked` PR from merging, as far as the card knows: a check, a review, or branch protection's other rules. */
export type BlockedBy = "checks" | "checks_or_approval" | "approval" | "protection";

/** Why GitHub blocks the open PR (its `mergeable_state` is `blocked`), or null when it does not. */
export function blockedBy(pr: PullRequest): BlockedBy | null {
  if (pr.state !== "open" || pr.mergeableState !== "blocked") return null;
  if (pr.checkSummary === "failing" || pr.checkSummary === "pending") return "checks";
  // No check reported on the head yet (just pushed, or brought up to date by Update branch) and no review asked
  // for: a required check still to come blocks it as well as a missing approval would. It said "until approved".
  if (pr.checkSummary === "none" && pr.reviewDecision === null) return "checks_or_approval";
  return pr.reviewDecision !== "approved" ? "approval" : "protection";
}

const BLOCKED_LABELS: Record<BlockedBy, string> = {
  checks: "Blocked by required checks",
  checks_or_approval: "Blocked until required checks report, or it is approved",
  approval: "Blocked until approved",
  protection: "Blocked by branch protection",
};

/**
 * What GitHub's `mergeable` and `mergeable_state` say of an open PR, in words; null for a PR that is not open. Blocked
 * says by what (`blockedBy`).
 */
export function mergeabilityLabel(pr: PullRequest): string | null {
  if (pr.state !== "open") return null;
  if (pr.isMergeable === false || pr.mergeableState === "dirty") return "Conflicts";
  if (pr.isMergeable === null || pr.mergeableState === "unknown") return "Checking mergeability";
  const blocked = blockedBy(pr);
  if (blocked) return BLOCKED_LABELS[blocked];
  switch (pr.mergeableState) {
    case "behind":
      return `Behind ${pr.baseRef}: update the branch`;
    case "unstable":
      return pr.checkSummary === "pending" ? "Mergeable, checks running" : "Mergeable, with failing checks";
    default:
      return "Mergeable";
  }
}
