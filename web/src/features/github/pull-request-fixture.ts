import type { PullRequest, SessionId, WorkspaceId } from "../../../../shared/index.ts";

/** A session's open pull request #4 with no reviews, comments or checks, for tests; `fields` make it the one needed. */
export function pullRequestFixture(fields: Partial<PullRequest> = {}): PullRequest {
  return {
    sessionId: "ses_prfixture001" as SessionId, workspaceId: "wsp_prfixture001" as WorkspaceId, repo: "acme/widgets", number: 4,
    url: "https://github.com/acme/widgets/pull/4", title: "Widget", body: "", state: "open", headRef: "widget", headSha: "c".repeat(40), baseRef: "main",
    reviewDecision: null, reviews: [], comments: [], isMergeable: true, mergeableState: "clean", mergeMethods: ["merge"], checks: [], runs: [],
    checkSummary: "none", checkedAt: 1, mergeBaseAsk: null, ...fields,
  };
}
