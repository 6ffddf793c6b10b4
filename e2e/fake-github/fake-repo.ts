import { git, runGit } from "../../server/git/index.ts";
import { Mergeability, type Protection } from "./mergeability.ts";
import type { CheckRunShape, IssueCommentShape, IssueShape, JobShape, PullShape, RepoShape, ReviewCommentShape, ReviewShape, WorkflowRunShape } from "./shapes.ts";

/** One repository the fake serves, backed by a real bare git repository (pushes land there). */
export class FakeRepo {
  readonly pulls: PullShape[] = [];
  readonly reviews = new Map<number, ReviewShape[]>();
  /** Comments on lines of a pull request's diff, and on its conversation (an issue's comments, to GitHub). */
  readonly reviewComments = new Map<number, ReviewCommentShape[]>();
  readonly issueComments = new Map<number, IssueCommentShape[]>();
  /** The time the next review or comment is stamped with: a second after the last, as they would come in. */
  private clock = Date.parse("2026-01-01T12:00:00Z");
  readonly checkRuns: CheckRunShape[] = [];
  readonly workflowRuns: WorkflowRunShape[] = [];
  readonly jobs = new Map<number, JobShape>();
  readonly logs = new Map<number, string>();
  readonly issues: IssueShape[] = [];
  readonly rerunRequests: number[] = [];
  /** Set to make merges fail the way branch protection does (405 with this message). */
  mergeBlockedBy: string | null = null;
  allow = { merge: true, squash: true, rebase: false };
  /** Branch protection of every PR's base branch; null: none. */
  protection: Protection | null = null;
  readonly mergeability = new Mergeability(this);
  private nextId = 1000;

  constructor(
    readonly owner: string,
    readonly name: string,
    /** The bare repository pushes go to. */
    readonly barePath: string,
    readonly webBase: string,
  ) {}

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  id(): number {
    return this.nextId++;
  }

  repoShape(): RepoShape {
    return {
      id: 1,
      name: this.name,
      full_name: this.fullName,
      default_branch: "main",
      allow_merge_commit: this.allow.merge,
      allow_squash_merge: this.allow.squash,
      allow_rebase_merge: this.allow.rebase,
    };
  }

  /** The sha of a branch in the bare repository, or null when it was never pushed. */
  async branchSha(branch: string): Promise<string | null> {
    const result = await runGit(this.barePath, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}^{commit}`]);
    return result.code === 0 ? result.stdout.trim() : null;
  }

  /** How many commits `head` has that `base` has not (a PR of none is refused). */
  async commitsBetween(base: string, head: string): Promise<number> {
    return Number((await git(this.barePath, ["rev-list", "--count", `refs/heads/${base}..refs/heads/${head}`])).trim());
  }

  /** Opens a PR from a branch of this repository. */
  async openPull(input: { head: string; base: string; title: string; body: string; draft: boolean }): Promise<PullShape> {
    const sha = await this.branchSha(input.head);
    if (!sha) throw new Error(`no branch ${input.head}`);
    const number = this.pulls.length + this.issues.length + 1;
    const pull: PullShape = {
      id: this.id(),
      node_id: `PR_${number}`,
      number,
      html_url: `${this.webBase}/${this.fullName}/pull/${number}`,
      title: input.title,
      body: input.body,
      state: "open",
      draft: input.draft,
      merged: false,
      merged_at: null,
      // GitHub answers a new PR before it has worked out whether it can be merged.
      mergeable: null,
      mergeable_state: "unknown",
      requested_reviewers: [],
      labels: [],
      head: { ref: input.head, sha, repo: { full_name: this.fullName } },
      base: { ref: input.base, sha: (await this.branchSha(input.base)) ?? sha },
    };
    await git(this.barePath, ["update-ref", `refs/pull/${number}/head`, sha]);
    this.pulls.push(pull);
    return pull;
  }

  /** A PR from a fork: the fork's branch is fetched into `refs/pull/N/head` here, as GitHub does. */
  async openForkPull(input: { forkPath: string; forkName: string; head: string; base: string; title: string }): Promise<PullShape> {
    const number = this.pulls.length + this.issues.length + 1;
    await git(this.barePath, ["fetch", "--quiet", input.forkPath, `+refs/heads/${input.head}:refs/pull/${number}/head`]);
    const sha = (await git(this.barePath, ["rev-parse", `refs/pull/${number}/head`])).trim();
    const pull: PullShape = {
      id: this.id(),
      node_id: `PR_${number}`,
      number,
      html_url: `${this.webBase}/${this.fullName}/pull/${number}`,
      title: input.title,
      body: "",
      state: "open",
      draft: false,
      merged: false,
      merged_at: null,
      mergeable: null,
      mergeable_state: "unknown",
      requested_reviewers: [],
      labels: [],
      head: { ref: input.head, sha, repo: { full_name: input.forkName } },
      base: { ref: input.base, sha },
    };
    this.pulls.push(pull);
    return pull;
  }

  /** Keeps a same-repository PR's head at its branch (a push moves it). */
  async syncHeads(): Promise<void> {
    for (const pull of this.pulls) {
      if (pull.head.repo?.full_name !== this.fullName || pull.state !== "open") continue;
      const sha = await this.branchSha(pull.head.ref);
      if (sha) pull.head.sha = sha;
    }
  }

  /**
   * GitHub's "Update branch": merges the base into a same-repository PR's head branch with a merge commit, as its
   * button does. Answers GitHub's refusal (422) when the head moved, the base has nothing new, or the two conflict.
   */
  async updateBranch(pull: PullShape, expectedHeadSha?: string): Promise<{ ok: true } | { ok: false; message: string }> {
    if (expectedHeadSha && expectedHeadSha !== pull.head.sha) return { ok: false, message: "expected head sha didn't match current head ref." };
    if (pull.head.repo?.full_name !== this.fullName) return { ok: false, message: "Cannot update a pull request from a fork." };
    if (await this.mergeability.isUpToDate(pull)) return { ok: false, message: "There are no new commits on the base branch." };
    const tree = await runGit(this.barePath, ["merge-tree", "--write-tree", `refs/heads/${pull.base.ref}`, pull.head.sha]);
    if (tree.code !== 0) return { ok: false, message: "merge conflict between base and head" };
    const baseSha = (await this.branchSha(pull.base.ref)) as string;
    const message = `Merge branch '${pull.base.ref}' into ${pull.head.ref}`;
    const env = { GIT_AUTHOR_NAME: "GitHub", GIT_AUTHOR_EMAIL: "noreply@github.com", GIT_COMMITTER_NAME: "GitHub", GIT_COMMITTER_EMAIL: "noreply@github.com" };
    const commit = await git(this.barePath, ["commit-tree", tree.stdout.split("\n")[0] ?? "", "-p", pull.head.sha, "-p", baseSha, "-m", message], { env });
    await git(this.barePath, ["update-ref", `refs/heads/${pull.head.ref}`, commit, pull.head.sha]);
    await git(this.barePath, ["update-ref", `refs/pull/${pull.number}/head`, commit]);
    pull.head.sha = commit;
    return { ok: true };
  }

  /** Adds a GitHub Actions job with its check run, workflow run and log. */
  addJob(input: { sha: string; name: string; status: "queued" | "in_progress" | "completed"; conclusion: "success" | "failure" | null; log?: string; failedStep?: string }): JobShape {
    const runId = this.id();
    const jobId = this.id();
    this.workflowRuns.push({ id: runId, name: "CI", display_title: "CI", status: input.status, conclusion: input.conclusion, html_url: `${this.webBase}/${this.fullName}/actions/runs/${runId}`, head_sha: input.sha });
    this.checkRuns.push({ id: jobId, name: input.name, status: input.status, conclusion: input.conclusion, html_url: `${this.webBase}/${this.fullName}/runs/${jobId}`, head_sha: input.sha, app: { slug: "github-actions" } });
    const at = (s: number) => `2026-01-01T10:00:${String(s).padStart(2, "0")}Z`;
    const steps = [
      { name: "Set up job", status: "completed" as const, conclusion: "success", number: 1, started_at: at(0), completed_at: at(1) },
      { name: input.failedStep ?? "Run tests", status: "completed" as const, conclusion: input.conclusion ?? "success", number: 2, started_at: at(2), completed_at: at(5) },
    ];
    const job: JobShape = { id: jobId, run_id: runId, name: input.name, status: input.status, conclusion: input.conclusion, steps };
    this.jobs.set(jobId, job);
    this.logs.set(jobId, input.log ?? `${at(0)} Set up job\n${at(3)} ok\n`);
    return job;
  }

  /** Changes a check run (and its job and workflow run) as CI progresses. */
  setCheck(jobId: number, status: "queued" | "in_progress" | "completed", conclusion: "success" | "failure" | null): void {
    const check = this.checkRuns.find((c) => c.id === jobId);
    const job = this.jobs.get(jobId);
    if (!check || !job) throw new Error(`no job ${jobId}`);
    Object.assign(check, { status, conclusion });
    Object.assign(job, { status, conclusion });
    const run = this.workflowRuns.find((r) => r.id === job.run_id);
    if (run) Object.assign(run, { status, conclusion });
  }

  /** A reviewer submits a review of pull request `number`. */
  addReview(number: number, input: { login: string; state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED"; body?: string }): ReviewShape {
    const id = this.id();
    const review = { id, state: input.state, body: input.body ?? "", submitted_at: this.stamp(), html_url: `${this.pullUrl(number)}#pullrequestreview-${id}`, user: { login: input.login } };
    this.reviews.set(number, [...(this.reviews.get(number) ?? []), review]);
    return review;
  }

  /** Someone comments on pull request `number`: on line `line` of `path` in its diff, or on its conversation. */
  addComment(number: number, input: { login: string; body: string; path?: string; line?: number }): void {
    const id = this.id();
    const base = { id, body: input.body, created_at: this.stamp(), user: { login: input.login } };
    if (input.path === undefined) {
      this.issueComments.set(number, [...(this.issueComments.get(number) ?? []), { ...base, html_url: `${this.pullUrl(number)}#issuecomment-${id}` }]);
      return;
    }
    const onLine = { ...base, path: input.path, line: input.line, original_line: input.line, html_url: `${this.pullUrl(number)}#discussion_r${id}` };
    this.reviewComments.set(number, [...(this.reviewComments.get(number) ?? []), onLine]);
  }

  private pullUrl(number: number): string {
    return `${this.webBase}/${this.fullName}/pull/${number}`;
  }

  private stamp(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  /** Merges a PR as if someone pressed the button on GitHub. */
  markMerged(number: number): void {
    const pull = this.pulls.find((p) => p.number === number);
    if (!pull) throw new Error(`no PR ${number}`);
    Object.assign(pull, { state: "closed", merged: true, merged_at: new Date().toISOString(), mergeable_state: "unknown" });
  }
}
