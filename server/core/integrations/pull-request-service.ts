import { BASE_CHANGE_NEEDS_GITHUB, type CreatePullRequestInput, type MergePullRequestInput, type UpdatePullRequestInput } from "../../../shared/api/integrations.ts";
import { CreatePullRequestInput as CreateSchema } from "../../../shared/api/integrations.ts";
import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { CheckRun, CheckSummary, GithubRemote, PullRequest } from "../../../shared/protocol/integrations.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import type { GithubRepoApi, PullFacts } from "../../integrations/github/github-api.ts";
import type { IntegrationRepo } from "../../persistence/integration-repo.ts";
import type { EventBus } from "../event-bus.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";
import type { GithubConnectionService } from "./github-connection.ts";
import { mergeRefusal, updateRefusal } from "./merge-refusal.ts";
import { repoNotVisible } from "./repo-access.ts";
import { explainNoCommitsOnGitHub, explainPushBeforePullRequest, needsPushForPullRequest, requireCommitsBeyond } from "./pr-commits.ts";
import { commitDefaults, draftPullRequest, type PullRequestDraft } from "./pr-draft.ts";
import type { SessionsPort } from "./ports.ts";

export type PullRequestDeps = {
  connection: GithubConnectionService;
  store: IntegrationRepo;
  sessions: SessionsPort;
  bus: EventBus;
  oneShot: OneShot;
  now: () => number;
  /** Told every change of a stored PR (archive on merge, notifications, Linear status). */
  onChange?: (before: PullRequest | null, after: PullRequest) => void;
};

/** A session's pull request: draft, create, read (with review and checks), update, ready, merge, close. */
export class PullRequestService {
  constructor(private readonly deps: PullRequestDeps) {}

  get(sessionId: SessionId): PullRequest | null {
    return this.deps.store.getPullRequest(sessionId);
  }

  /** Every stored PR that is open or a draft (the dashboard). */
  listOpen(): PullRequest[] {
    return this.deps.store.listPullRequests(true);
  }

  /** Sessions whose open PR waits on a merge of its base asked of Claude in that conversation. */
  sessionsAskedToMergeIn(conversationId: ConversationId): SessionId[] {
    return this.deps.store.sessionsAskedToMergeIn(conversationId);
  }

  /** A title and description written by Claude from the commits and diff (following the repository's template). */
  async draft(sessionId: SessionId): Promise<PullRequestDraft> {
    const session = this.branchSession(sessionId);
    const base = session.baseBranch ?? (await this.defaultBranch(session));
    return draftPullRequest(this.deps.oneShot, session, base);
  }

  /** The create form's first title and description: a single commit's subject and body, as GitHub's own form. */
  async defaults(sessionId: SessionId): Promise<PullRequestDraft> {
    const session = this.branchSession(sessionId);
    return commitDefaults(session, session.baseBranch ?? (await this.defaultBranch(session)));
  }

  /**
   * Opens the PR, pushing the branch first when GitHub lacks it or commits of it (one "Create PR": a refusal asked for
   * a second tap to push), or when asked (`isPushFirst`). The branch must have no open PR: nothing is pushed when one
   * exists, nothing is opened when the push fails, and nothing is stored when GitHub refuses.
   */
  async create(sessionId: SessionId, raw: CreatePullRequestInput): Promise<PullRequest> {
    const input = CreateSchema.parse(raw);
    const session = this.branchSession(sessionId);
    const api = await this.api(session);
    const branch = session.branch as string;
    const existing = await api.pullForBranch(branch).catch((error: unknown) => {
      throw repoNotVisible(error, api.repo);
    });
    if (existing && (existing.state === "open" || existing.state === "draft")) {
      throw new AppError("conflict", `A pull request already exists for "${branch}": #${existing.number} (${existing.url}).`, { number: existing.number });
    }
    const base = input.base ?? session.baseBranch ?? (await api.defaultBranch());
    await requireCommitsBeyond(session, base);
    const onGithub = await api.branchSha(branch).catch((error: unknown) => Promise.reject(repoNotVisible(error, api.repo)));
    if ((await needsPushForPullRequest(session, branch, onGithub)) || input.isPushFirst) {
      await this.deps.sessions.push(sessionId).catch((error: unknown) => Promise.reject(explainPushBeforePullRequest(error, branch)));
    }
    const created = await api.createPull({ title: input.title, body: input.body, head: branch, base, isDraft: input.isDraft }).catch((error: unknown) => {
      throw explainNoCommitsOnGitHub(error, branch, base);
    });
    await api.addReviewersAndLabels(created.number, input.reviewers, input.labels).catch((error: unknown) => {
      console.warn(`[github] reviewers/labels on #${created.number} failed:`, error instanceof Error ? error.message : error);
    });
    return this.record(session, api, input.reviewers.length + input.labels.length > 0 ? await api.pull(created.number) : created);
  }

  /**
   * Reads the PR again (or looks for one opened elsewhere); stores and publishes when anything changed. Only an open
   * PR is taken up for a session without one: a merged or closed PR of the branch's name belongs to an older branch
   * (a deleted session's, whose name came round again), and taking it up archived the new session on "merge". A
   * session whose PR was closed (not merged) takes up a newer open PR of its branch: closed, then opened again as a
   * new PR on github.com or from here, it stayed on the closed one for good.
   */
  async refresh(sessionId: SessionId, signal?: AbortSignal): Promise<PullRequest | null> {
    const session = this.deps.sessions.get(sessionId);
    const stored = this.get(sessionId);
    if (!session.branch) return stored;
    const api = await this.api(session);
    const branch = session.branch;
    const read = stored?.state === "closed" ? this.newerOpenPull(api, branch, stored.number) : stored ? api.pull(stored.number) : api.pullForBranch(branch);
    const facts = await read.catch((error: unknown) => {
      throw repoNotVisible(error, api.repo);
    });
    signal?.throwIfAborted();
    if (!stored && facts && facts.state !== "open" && facts.state !== "draft") return null;
    return facts ? this.record(session, api, facts, signal) : null;
  }

  /** The branch's newest PR when it is open (or is the closed one); else the closed PR read again. */
  private async newerOpenPull(api: GithubRepoApi, branch: string, closedNumber: number): Promise<PullFacts> {
    const newest = await api.pullForBranch(branch);
    if (newest && (newest.number === closedNumber || newest.state === "open" || newest.state === "draft")) return newest;
    return api.pull(closedNumber);
  }

  /** Links an existing PR to a session (started from that PR). */
  async link(sessionId: SessionId, number: number): Promise<PullRequest> {
    const session = this.deps.sessions.get(sessionId);
    const api = await this.api(session);
    return this.record(session, api, await api.pull(number));
  }

  async update(sessionId: SessionId, patch: UpdatePullRequestInput): Promise<PullRequest> {
    const { session, api, pr } = await this.current(sessionId);
    return this.record(session, api, await api.updatePull(pr.number, patch));
  }

  /**
   * Changes the session's base branch (ADR 0158): checked first; then an open or draft PR is retargeted on GitHub to
   * it (a refusal there changes nothing here); then the session compares against it. A merged or closed PR is left
   * as it was. `isHereOnly` leaves the PR's base on GitHub as it is. With GitHub not connected, an open PR's change is
   * refused with both ways on named (`BASE_CHANGE_NEEDS_GITHUB`). Answers the session and the PR as they are now.
   */
  async changeBase(sessionId: SessionId, base: string, { isHereOnly = false } = {}): Promise<{ session: Session; pullRequest: PullRequest | null }> {
    await this.deps.sessions.checkBaseBranch(sessionId, base);
    const stored = this.get(sessionId);
    let pullRequest = stored;
    if (!isHereOnly && stored && (stored.state === "open" || stored.state === "draft") && stored.baseRef !== base) {
      if (!this.deps.connection.status().isConnected) throw needsGithub(stored, base);
      const { session, api, pr } = await this.current(sessionId);
      const moved = await api.updatePull(pr.number, { base }).catch((error: unknown) => {
        throw error instanceof AppError ? new AppError(error.code, `GitHub refused to move #${pr.number} onto ${base}, so nothing changed: ${error.message}`) : error;
      });
      pullRequest = await this.record(session, api, moved);
    }
    return { session: await this.deps.sessions.changeBaseBranch(sessionId, base), pullRequest };
  }

  async markReady(sessionId: SessionId): Promise<PullRequest> {
    const { session, api, pr } = await this.current(sessionId);
    if (pr.state !== "draft") throw new AppError("conflict", `#${pr.number} is not a draft.`);
    const facts = await api.pull(pr.number);
    await api.markReady(facts.nodeId);
    return this.record(session, api, await api.pull(pr.number));
  }

  /**
   * Merges with a method the repository allows. A refusal reads the PR again, so the card shows why (it said
   * "Checking mergeability" or "Mergeable" beside the error), and says what to do next.
   */
  async merge(sessionId: SessionId, input: MergePullRequestInput): Promise<PullRequest> {
    const { session, api, pr } = await this.current(sessionId);
    if (pr.state !== "open") throw new AppError("conflict", `#${pr.number} is ${pr.state}; only an open, ready pull request can be merged.`);
    if (!pr.mergeMethods.includes(input.method)) throw new AppError("bad_request", `The repository does not allow ${input.method} merges (allowed: ${pr.mergeMethods.join(", ")}).`);
    try {
      await api.merge(pr.number, input.method, pr.headSha);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "conflict") throw error;
      const now = await this.record(session, api, await api.pull(pr.number)).catch(() => null);
      throw now ? mergeRefusal(error, now, pr.headSha) : error;
    }
    return this.record(session, api, await api.pull(pr.number));
  }

  /**
   * GitHub's "Update branch": merges the base into the PR's branch on GitHub (a PR behind a base whose protection
   * wants it up to date had no way on from the card). A conflict is refused by GitHub, and said with the way on.
   */
  async updateBranch(sessionId: SessionId): Promise<PullRequest> {
    const { session, api, pr } = await this.current(sessionId);
    if (pr.state !== "open" && pr.state !== "draft") throw new AppError("conflict", `#${pr.number} is ${pr.state}; there is no branch to update.`);
    try {
      await api.updateBranch(pr.number, pr.headSha);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "conflict") throw error;
      await this.record(session, api, await api.pull(pr.number)).catch(() => null);
      throw updateRefusal(error, pr);
    }
    return this.record(session, api, await api.pull(pr.number));
  }

  async close(sessionId: SessionId): Promise<PullRequest> {
    const { session, api, pr } = await this.current(sessionId);
    return this.record(session, api, await api.updatePull(pr.number, { state: "closed" }));
  }

  private async defaultBranch(session: Session): Promise<string> {
    const api = await this.api(session);
    return api.defaultBranch().catch((error: unknown) => {
      throw repoNotVisible(error, api.repo);
    });
  }

  /** Notes (or, with null, ends) Claude's being asked to merge the base into the session's PR, on every device. */
  setMergeBaseAsk(sessionId: SessionId, ask: PullRequest["mergeBaseAsk"]): PullRequest | null {
    const stored = this.get(sessionId);
    if (!stored) return null;
    const saved = { ...stored, mergeBaseAsk: ask };
    this.deps.store.savePullRequest(saved);
    this.deps.bus.publish({ kind: "entity", change: { kind: "pullRequest", pullRequest: saved } });
    return saved;
  }

  /** Where the session's repository's `origin` points (a pull request needs it on GitHub). */
  remote(sessionId: SessionId): Promise<GithubRemote> {
    return this.deps.connection.remoteOf(this.deps.sessions.workspace(this.deps.sessions.get(sessionId)).path);
  }

  /** The repository API for a session's workspace. */
  async api(session: Session): Promise<GithubRepoApi> {
    return this.deps.connection.repoApi(this.deps.sessions.workspace(session).path);
  }

  private async current(sessionId: SessionId): Promise<{ session: Session; api: GithubRepoApi; pr: PullRequest }> {
    const session = this.deps.sessions.get(sessionId);
    const pr = this.get(sessionId);
    if (!pr) throw new AppError("not_found", "This session has no pull request.");
    return { session, api: await this.api(session), pr };
  }

  private branchSession(sessionId: SessionId): Session {
    const session = this.deps.sessions.get(sessionId);
    if (!session.branch) throw new AppError("bad_request", "This session works in a folder without its own branch; pull requests need a branch.");
    return session;
  }

  /**
   * Completes the facts with review, checks and merge methods; stores and publishes when something changed. Once
   * `signal` is aborted (ChatML stops) nothing is stored.
   */
  private async record(session: Session, api: GithubRepoApi, facts: PullFacts, signal?: AbortSignal): Promise<PullRequest> {
    const [{ reviews, decision: reviewDecision }, comments, checks, runs, mergeMethods] = await Promise.all([
      api.reviews(facts.number, facts.requestedReviewers),
      api.comments(facts.number),
      api.checkRuns(facts.headSha),
      api.workflowRuns(facts.headSha),
      api.mergeMethods(),
    ]);
    signal?.throwIfAborted();
    const before = this.get(session.id);
    const next: PullRequest = {
      sessionId: session.id,
      workspaceId: session.workspaceId,
      repo: `${api.repo.owner}/${api.repo.name}`,
      number: facts.number,
      url: facts.url,
      title: facts.title,
      body: facts.body,
      state: facts.state,
      headRef: facts.headRef,
      headSha: facts.headSha,
      baseRef: facts.baseRef,
      reviewDecision,
      reviews,
      comments,
      isMergeable: facts.isMergeable,
      mergeableState: facts.mergeableState,
      mergeMethods,
      checks,
      runs,
      checkSummary: summarize(checks),
      checkedAt: before?.checkedAt ?? this.deps.now(),
      // Asked of Claude, not read from GitHub: it lasts until the asked turn ends (see MergeBaseAsks).
      mergeBaseAsk: before?.mergeBaseAsk ?? null,
    };
    if (before && sameFacts(before, next)) return before;
    const saved = { ...next, checkedAt: this.deps.now() };
    this.deps.store.savePullRequest(saved);
    this.deps.bus.publish({ kind: "entity", change: { kind: "pullRequest", pullRequest: saved } });
    this.deps.onChange?.(before, saved);
    return saved;
  }
}

/** One word for all checks: failing wins, then pending, then passing. */
export function summarize(checks: CheckRun[]): CheckSummary {
  if (checks.length === 0) return "none";
  if (checks.some((c) => c.status === "completed" && ["failure", "timed_out", "cancelled", "action_required"].includes(c.conclusion ?? ""))) return "failing";
  if (checks.some((c) => c.status !== "completed")) return "pending";
  return "passing";
}

function sameFacts(a: PullRequest, b: PullRequest): boolean {
  return JSON.stringify({ ...a, checkedAt: 0 }) === JSON.stringify({ ...b, checkedAt: 0 });
}

/** A base change GitHub must make too, refused while it is not connected: says both ways on, and that nothing changed. */
function needsGithub(pr: PullRequest, base: string): AppError {
  return new AppError(
    "conflict",
    `GitHub is not connected, so pull request #${pr.number} cannot move onto ${base}, and nothing changed. Change the base here only (#${pr.number} keeps merging into ${pr.baseRef} on GitHub until you change it there), or connect GitHub again under Integrations — a token, or the gh CLI's sign-in — and change the base again to move both.`,
    { reason: BASE_CHANGE_NEEDS_GITHUB, number: pr.number, prBase: pr.baseRef },
  );
}
