import type { Octokit } from "@octokit/rest";
import type { CheckRun, GithubIssue, MergeMethod, PullRequest, PullRequestComment, PullRequestReview, WorkflowRun } from "../../../shared/protocol/integrations.ts";
import type { RepoRef } from "./remote-url.ts";

/** How many of a pull request's comments its card keeps: the latest. */
export const MAX_PR_COMMENTS = 30;

const REVIEW_STATES: Record<string, PullRequestReview["state"]> = { APPROVED: "approved", CHANGES_REQUESTED: "changes_requested", COMMENTED: "commented", DISMISSED: "dismissed" };

/** The parts of a pull request ChatML reads (GitHub's `pull-request` schema, trimmed). */
export type PullFacts = {
  number: number;
  nodeId: string;
  url: string;
  title: string;
  body: string;
  state: "open" | "draft" | "merged" | "closed";
  headRef: string;
  headSha: string;
  headRepo: string | null;
  baseRef: string;
  isMergeable: boolean | null;
  mergeableState: string;
  requestedReviewers: number;
};

type RawPull = Awaited<ReturnType<Octokit["rest"]["pulls"]["get"]>>["data"];

function toPullFacts(pull: RawPull | Awaited<ReturnType<Octokit["rest"]["pulls"]["list"]>>["data"][number]): PullFacts {
  const isMerged = Boolean(pull.merged_at);
  const state = isMerged ? "merged" : pull.state === "closed" ? "closed" : pull.draft ? "draft" : "open";
  const full = pull as Partial<RawPull>;
  return {
    number: pull.number,
    nodeId: pull.node_id,
    url: pull.html_url,
    title: pull.title,
    body: pull.body ?? "",
    state,
    headRef: pull.head.ref,
    headSha: pull.head.sha,
    headRepo: pull.head.repo?.full_name ?? null,
    baseRef: pull.base.ref,
    isMergeable: full.mergeable ?? null,
    mergeableState: full.mergeable_state ?? "unknown",
    requestedReviewers: pull.requested_reviewers?.length ?? 0,
  };
}

/** Typed calls on one repository; every answer trimmed to what ChatML shows. */
export class GithubRepoApi {
  constructor(
    private readonly octokit: Octokit,
    readonly repo: RepoRef,
  ) {}

  private get r() {
    return { owner: this.repo.owner, repo: this.repo.name };
  }

  /** The merge methods the repository allows. */
  async mergeMethods(): Promise<MergeMethod[]> {
    const { data } = await this.octokit.rest.repos.get(this.r);
    const methods: MergeMethod[] = [];
    if (data.allow_merge_commit !== false) methods.push("merge");
    if (data.allow_squash_merge !== false) methods.push("squash");
    if (data.allow_rebase_merge !== false) methods.push("rebase");
    return methods;
  }

  async defaultBranch(): Promise<string> {
    return (await this.octokit.rest.repos.get(this.r)).data.default_branch;
  }

  /**
   * The branch's head sha on GitHub, or null when it was never pushed. GitHub answers 404 alike for a missing branch
   * and for a repository the token cannot see: the repository is asked for then, and its 404 is thrown (it read as
   * "not pushed", and the user was told to push a branch that was there).
   */
  async branchSha(branch: string): Promise<string | null> {
    try {
      return (await this.octokit.rest.repos.getBranch({ ...this.r, branch })).data.commit.sha;
    } catch (error) {
      if ((error as { code?: string }).code !== "not_found") throw error;
      await this.octokit.rest.repos.get(this.r);
      return null;
    }
  }

  async pull(number: number): Promise<PullFacts> {
    return toPullFacts((await this.octokit.rest.pulls.get({ ...this.r, pull_number: number })).data);
  }

  /** The newest pull request whose head is `branch` of this repository (any state), or null. */
  async pullForBranch(branch: string): Promise<PullFacts | null> {
    const { data } = await this.octokit.rest.pulls.list({ ...this.r, head: `${this.repo.owner}:${branch}`, state: "all", per_page: 5 });
    const found = data[0];
    return found ? this.pull(found.number) : null;
  }

  async createPull(input: { title: string; body: string; head: string; base: string; isDraft: boolean }): Promise<PullFacts> {
    const { data } = await this.octokit.rest.pulls.create({ ...this.r, title: input.title, body: input.body, head: input.head, base: input.base, draft: input.isDraft });
    return toPullFacts(data);
  }

  async addReviewersAndLabels(number: number, reviewers: string[], labels: string[]): Promise<void> {
    if (reviewers.length > 0) await this.octokit.rest.pulls.requestReviewers({ ...this.r, pull_number: number, reviewers });
    if (labels.length > 0) await this.octokit.rest.issues.addLabels({ ...this.r, issue_number: number, labels });
  }

  async updatePull(number: number, patch: { title?: string; body?: string; state?: "closed" | "open"; base?: string }): Promise<PullFacts> {
    return toPullFacts((await this.octokit.rest.pulls.update({ ...this.r, pull_number: number, ...patch })).data);
  }

  /** Draft → ready for review (only GitHub's GraphQL API can do this). */
  async markReady(nodeId: string): Promise<void> {
    await this.octokit.graphql(`mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }`, { id: nodeId });
  }

  /** GitHub's "Update branch": merges the base into the PR's head branch, if the head is still `expectedHeadSha`. */
  async updateBranch(number: number, expectedHeadSha: string): Promise<void> {
    await this.octokit.rest.pulls.updateBranch({ ...this.r, pull_number: number, expected_head_sha: expectedHeadSha });
  }

  async merge(number: number, method: MergeMethod, sha: string): Promise<void> {
    await this.octokit.rest.pulls.merge({ ...this.r, pull_number: number, merge_method: method, sha });
  }

  /**
   * The pull request's submitted reviews, oldest first, and its decision: approved, changes requested or review
   * required, from the latest approving or change-requesting review of each reviewer. A review that only holds line
   * comments (commented, no words of its own) is left out: its comments are in {@link comments}.
   */
  async reviews(number: number, requestedReviewers: number): Promise<{ reviews: PullRequestReview[]; decision: PullRequest["reviewDecision"] }> {
    const { data } = await this.octokit.rest.pulls.listReviews({ ...this.r, pull_number: number, per_page: 100 });
    const latest = new Map<string, string>();
    for (const review of data) if (review.user && review.state !== "COMMENTED" && review.state !== "PENDING") latest.set(review.user.login, review.state);
    const states = [...latest.values()];
    const decision = states.includes("CHANGES_REQUESTED") ? "changes_requested" : states.includes("APPROVED") ? "approved" : requestedReviewers > 0 ? "review_required" : null;
    const reviews = data
      .filter((review) => review.state !== "PENDING" && !(review.state === "COMMENTED" && !review.body))
      .map((review) => ({
        id: review.id,
        author: review.user?.login ?? "ghost",
        state: REVIEW_STATES[review.state] ?? "commented",
        body: review.body ?? "",
        submittedAt: review.submitted_at ? Date.parse(review.submitted_at) : null,
        url: review.html_url,
      }));
    return { reviews, decision };
  }

  /** The latest {@link MAX_PR_COMMENTS} comments, on the conversation and on lines of the diff, oldest first. */
  async comments(number: number): Promise<PullRequestComment[]> {
    const [onLines, onConversation] = await Promise.all([
      this.octokit.rest.pulls.listReviewComments({ ...this.r, pull_number: number, per_page: 100 }),
      this.octokit.rest.issues.listComments({ ...this.r, issue_number: number, per_page: 100 }),
    ]);
    const comments: PullRequestComment[] = [
      ...onLines.data.map((c) => ({ id: c.id, author: c.user?.login ?? "ghost", body: c.body, path: c.path, line: c.line ?? c.original_line ?? null, createdAt: Date.parse(c.created_at), url: c.html_url })),
      ...onConversation.data.map((c) => ({ id: c.id, author: c.user?.login ?? "ghost", body: c.body ?? "", path: null, line: null, createdAt: Date.parse(c.created_at), url: c.html_url })),
    ];
    return comments.sort((a, b) => a.createdAt - b.createdAt).slice(-MAX_PR_COMMENTS);
  }

  async checkRuns(sha: string): Promise<CheckRun[]> {
    const { data } = await this.octokit.rest.checks.listForRef({ ...this.r, ref: sha, per_page: 100 });
    return data.check_runs.map((run) => ({
      id: run.id,
      name: run.name,
      status: run.status,
      conclusion: run.conclusion,
      url: run.html_url,
      jobId: run.app?.slug === "github-actions" ? run.id : null,
    }));
  }

  async workflowRuns(sha: string): Promise<WorkflowRun[]> {
    const { data } = await this.octokit.rest.actions.listWorkflowRunsForRepo({ ...this.r, head_sha: sha, per_page: 50 });
    return data.workflow_runs.map((run) => ({ id: run.id, name: run.name ?? run.display_title, status: run.status, conclusion: run.conclusion, url: run.html_url }));
  }

  /** A job's steps (name, conclusion, times) and its workflow run. */
  async job(jobId: number): Promise<{ runId: number; steps: { name: string; conclusion: string | null; startedAt: string | null; completedAt: string | null }[] }> {
    const { data } = await this.octokit.rest.actions.getJobForWorkflowRun({ ...this.r, job_id: jobId });
    return {
      runId: data.run_id,
      steps: (data.steps ?? []).map((s) => ({ name: s.name, conclusion: s.conclusion, startedAt: s.started_at ?? null, completedAt: s.completed_at ?? null })),
    };
  }

  /** A job's whole log as text (GitHub redirects to the file; fetch follows). */
  async jobLog(jobId: number): Promise<string> {
    const { data } = await this.octokit.rest.actions.downloadJobLogsForWorkflowRun({ ...this.r, job_id: jobId });
    return typeof data === "string" ? data : new TextDecoder().decode(data as ArrayBuffer);
  }

  async rerunFailedJobs(runId: number): Promise<void> {
    await this.octokit.rest.actions.reRunWorkflowFailedJobs({ ...this.r, run_id: runId });
  }

  async searchIssues(query: string): Promise<GithubIssue[]> {
    const q = `repo:${this.repo.owner}/${this.repo.name} is:issue is:open ${query}`.trim();
    const { data } = await this.octokit.rest.search.issuesAndPullRequests({ q, per_page: 20 });
    return data.items.map((i) => ({ number: i.number, title: i.title, body: i.body ?? "", url: i.html_url, state: i.state }));
  }

  async issue(number: number): Promise<GithubIssue> {
    const { data } = await this.octokit.rest.issues.get({ ...this.r, issue_number: number });
    return { number: data.number, title: data.title, body: data.body ?? "", url: data.html_url, state: data.state };
  }
}

/** Who the token belongs to and which classic scopes it has (fine-grained tokens report none). */
export async function whoAmI(octokit: Octokit): Promise<{ login: string; scopes: string[] }> {
  const response = await octokit.rest.users.getAuthenticated();
  const header = response.headers["x-oauth-scopes"];
  const scopes = typeof header === "string" ? header.split(",").map((s) => s.trim()).filter(Boolean) : [];
  return { login: response.data.login, scopes };
}
