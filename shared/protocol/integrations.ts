import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { ConversationId, SessionId, WorkspaceId } from "../ids.ts";

/** What GitHub told us about the API rate limit on the last answer. */
export const RateLimit = lazySchema(() => z.object({ limit: z.number(), remaining: z.number(), resetAt: z.number() }));
export type RateLimit = z.infer<typeof RateLimit>;

/** The GitHub connection as the browser sees it; the token itself never leaves the server. */
export const GithubConnection = lazySchema(() => z.object({
  isConnected: z.boolean(),
  /** Where the token came from: typed in, or imported from the `gh` CLI. */
  source: z.enum(["token", "gh"]).nullable(),
  baseUrl: z.string(),
  login: z.string().nullable(),
  /** Classic-token scopes GitHub reported (fine-grained tokens report none). */
  scopes: z.array(z.string()),
  /** What ChatML needs that the token lacks (classic tokens only; fine-grained ones are checked per call). */
  missingScopes: z.array(z.string()),
  rateLimit: RateLimit.nullable(),
  /** Why the stored token does not work right now (revoked, unreachable), or null. */
  problem: z.string().nullable(),
  /**
   * Whether the problem is the token itself (GitHub refused it: a new one is needed), not GitHub being rate limited,
   * failing or out of reach (the same token works once it answers again).
   */
  isTokenRejected: z.boolean(),
}));
export type GithubConnection = z.infer<typeof GithubConnection>;

export const CheckStatus = lazySchema(() => z.enum(["queued", "in_progress", "completed", "waiting", "requested", "pending"]));
/** One check run of the head commit (a GitHub Actions job shows up as one). */
export const CheckRun = lazySchema(() => z.object({
  id: z.number(),
  name: z.string(),
  status: CheckStatus,
  conclusion: z.string().nullable(),
  url: z.string().nullable(),
  /** The Actions job behind the check, whose log can be fetched; null for other apps' checks. */
  jobId: z.number().nullable(),
}));
export type CheckRun = z.infer<typeof CheckRun>;

/** One Actions workflow run of the head commit. */
export const WorkflowRun = lazySchema(() => z.object({
  id: z.number(),
  name: z.string(),
  status: z.string().nullable(),
  conclusion: z.string().nullable(),
  url: z.string(),
}));
export type WorkflowRun = z.infer<typeof WorkflowRun>;

export const PullRequestState = lazySchema(() => z.enum(["open", "draft", "merged", "closed"]));
export type PullRequestState = z.infer<typeof PullRequestState>;
export const MergeMethod = lazySchema(() => z.enum(["merge", "squash", "rebase"]));
export type MergeMethod = z.infer<typeof MergeMethod>;
export const CheckSummary = lazySchema(() => z.enum(["none", "pending", "passing", "failing"]));
export type CheckSummary = z.infer<typeof CheckSummary>;

/** A reviewer's latest submitted review of a pull request (pending ones are the reviewer's own, unseen). */
export const PullRequestReview = lazySchema(() => z.object({
  id: z.number(),
  author: z.string(),
  state: z.enum(["approved", "changes_requested", "commented", "dismissed"]),
  body: z.string(),
  submittedAt: z.number().nullable(),
  url: z.string(),
}));
export type PullRequestReview = z.infer<typeof PullRequestReview>;

/** A comment on a pull request: on its conversation, or on a line of its diff (`path`, `line`). */
export const PullRequestComment = lazySchema(() => z.object({
  id: z.number(),
  author: z.string(),
  body: z.string(),
  /** The file and line a review comment is on; null for a comment on the conversation. */
  path: z.string().nullable(),
  line: z.number().nullable(),
  createdAt: z.number(),
  url: z.string(),
}));
export type PullRequestComment = z.infer<typeof PullRequestComment>;

/** A session's pull request with its checks, as last read from GitHub. */
export const PullRequest = lazySchema(() => z.object({
  sessionId: SessionId,
  workspaceId: WorkspaceId,
  repo: z.string(),
  number: z.number(),
  url: z.string(),
  title: z.string(),
  body: z.string(),
  state: PullRequestState,
  headRef: z.string(),
  headSha: z.string(),
  baseRef: z.string(),
  reviewDecision: z.enum(["approved", "changes_requested", "review_required"]).nullable(),
  /** Each reviewer's latest review (stored before these were read: none). */
  reviews: z.array(PullRequestReview).default([]),
  /** The latest comments, on the conversation and on diff lines together, oldest first (a few dozen at most). */
  comments: z.array(PullRequestComment).default([]),
  /** null while GitHub is still computing it. */
  isMergeable: z.boolean().nullable(),
  /** GitHub's `mergeable_state`: clean, blocked, behind, dirty, unstable, draft, unknown. */
  mergeableState: z.string(),
  mergeMethods: z.array(MergeMethod),
  checks: z.array(CheckRun),
  runs: z.array(WorkflowRun),
  checkSummary: CheckSummary,
  checkedAt: z.number(),
  /**
   * Claude was asked to merge the base in (the PR conflicts with it or is behind), in this conversation: every device
   * says so instead of offering the ask again, until that turn ends and the PR is read again (null: not asked).
   */
  mergeBaseAsk: z.object({ askedAt: z.number(), conversationId: ConversationId }).nullable().default(null),
}));
export type PullRequest = z.infer<typeof PullRequest>;

/**
 * Where a repository's `origin` points, as pull requests see it: a repository on the connected GitHub (github.com
 * when none is connected), no remote at all (a local-only repository), or a remote on another host (GitLab, a bare
 * repository on a server). Only the first can have pull requests; the others say what is true instead of "Connect GitHub".
 */
export const GithubRemote = lazySchema(() => z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("github"), repo: z.string() }),
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("other"), url: z.string(), host: z.string() }),
]));
export type GithubRemote = z.infer<typeof GithubRemote>;

/**
 * Where a session's worktree stands against its open PR's head on GitHub, when that moved to a commit the worktree
 * lacked (Update branch, a push from elsewhere): brought up by a fast-forward, or left for the user to pull (uncommitted
 * changes, commits on both sides, a stopped rebase or merge). The next commit or push from the workbench was rejected,
 * and Claude worked on the old code.
 */
export const WorktreeCatchUp = lazySchema(() => z.object({
  status: z.enum(["fastForwarded", "needsPull"]),
  /** The PR head this is about. */
  headSha: z.string(),
  /** What happened or what to do, in words. */
  message: z.string(),
}));
export type WorktreeCatchUp = z.infer<typeof WorktreeCatchUp>;

/** A page of a job's log: ANSI colours kept, long logs paged by line. */
export const JobLogPage = lazySchema(() => z.object({
  jobId: z.number(),
  lines: z.array(z.string()),
  fromLine: z.number(),
  totalLines: z.number(),
  /** The failing step's name when GitHub marks one. */
  failedStep: z.string().nullable(),
}));
export type JobLogPage = z.infer<typeof JobLogPage>;

/** A GitHub issue (for starting a session from it). */
export const GithubIssue = lazySchema(() => z.object({ number: z.number(), title: z.string(), body: z.string(), url: z.string(), state: z.string() }));
export type GithubIssue = z.infer<typeof GithubIssue>;

/** The Linear connection as the browser sees it (never the key). */
export const LinearConnection = lazySchema(() => z.object({
  isConnected: z.boolean(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  problem: z.string().nullable(),
  /** Whether the problem is the key itself (Linear refused it: a new one is needed), not Linear limited, failing or away. */
  isKeyRejected: z.boolean(),
  /** Move linked issues to In Progress on start, In Review when the PR opens and Done when it is merged. */
  isAutoStatus: z.boolean(),
}));
export type LinearConnection = z.infer<typeof LinearConnection>;

export const LinearIssue = lazySchema(() => z.object({
  id: z.string(),
  identifier: z.string(),
  title: z.string(),
  description: z.string(),
  url: z.string(),
  branchName: z.string(),
  stateName: z.string().nullable(),
  /** Linear's category of the state: triage, backlog, unstarted, started, completed, canceled. */
  stateType: z.string().nullable().default(null),
  teamKey: z.string().nullable(),
}));
export type LinearIssue = z.infer<typeof LinearIssue>;

/**
 * An issue offered to start or link a session from, with the active session already linked to it (null: none) and
 * that session's workspace: it may be another repository's, which the list must say.
 */
export const LinearIssueChoice = lazySchema(() =>
  LinearIssue.extend({ takenBy: z.object({ sessionId: SessionId, name: z.string(), workspaceId: WorkspaceId, workspaceName: z.string() }).nullable() }),
);
export type LinearIssueChoice = z.infer<typeof LinearIssueChoice>;

/** A Linear team, to list its issues. */
export const LinearTeam = lazySchema(() => z.object({ id: z.string(), key: z.string(), name: z.string() }));
export type LinearTeam = z.infer<typeof LinearTeam>;

/**
 * Another active session linked to the same issue that holds it back from Done after this session's merge (ADR 0140):
 * it has no pull request yet (null), or one not merged.
 */
export const LinearHolder = lazySchema(() => z.object({
  sessionId: SessionId,
  name: z.string(),
  workspaceName: z.string(),
  pullRequest: z.object({ number: z.number().int(), url: z.string(), state: z.enum(["open", "draft", "closed"]) }).nullable(),
}));
export type LinearHolder = z.infer<typeof LinearHolder>;

/** A session's link to a Linear issue. */
export const LinearLink = lazySchema(() => z.object({ sessionId: SessionId, issue: LinearIssue }));
export type LinearLink = z.infer<typeof LinearLink>;

/** Per-workspace integration settings. */
export const WorkspaceIntegrationSettings = lazySchema(() => z.object({ archiveOnMerge: z.boolean() }));
export type WorkspaceIntegrationSettings = z.infer<typeof WorkspaceIntegrationSettings>;
