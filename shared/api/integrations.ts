import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { SessionId, WorkspaceId } from "../ids.ts";
import { MergeMethod } from "../protocol/integrations.ts";

const httpUrl = lazySchema(() => z.string().trim().url().max(500).refine((u) => /^https?:\/\//.test(u), { message: "must be an http(s) URL" }));

/** Connect GitHub: a token typed in, or the token of the signed-in `gh` CLI; optionally a GitHub Enterprise API URL. */
export const ConnectGithubInput = lazySchema(() => z
  .object({ token: z.string().trim().min(10).max(500).optional(), importFromGh: z.boolean().optional(), baseUrl: httpUrl.optional() })
  .refine((v) => Boolean(v.token) !== Boolean(v.importFromGh), { message: "give a token, or importFromGh: true" }));
export type ConnectGithubInput = z.infer<typeof ConnectGithubInput>;

const label = lazySchema(() => z.string().trim().min(1).max(100));
export const CreatePullRequestInput = lazySchema(() => z.object({
  title: z.string().trim().min(1).max(256),
  body: z.string().max(65_000),
  base: z.string().trim().min(1).max(200).optional(),
  isDraft: z.boolean().default(false),
  /** Push the session's branch to origin first (it may not be there yet, or be behind the local branch). */
  isPushFirst: z.boolean().default(false),
  reviewers: z.array(label).max(15).default([]),
  labels: z.array(label).max(20).default([]),
}));
export type CreatePullRequestInput = z.input<typeof CreatePullRequestInput>;

/**
 * A session's new base branch: the branch its diff, "behind", PR base and fast-forward compare against. `isHereOnly`
 * changes it in ChatML alone and leaves an open PR's base on GitHub as it is (the choice offered while GitHub is not
 * connected, ADR 0158).
 */
export const ChangeBaseBranchInput = lazySchema(() => z.object({ baseBranch: z.string().trim().min(1).max(250), isHereOnly: z.boolean().default(false) }));
export type ChangeBaseBranchInput = z.input<typeof ChangeBaseBranchInput>;

/** The `details.reason` of a base change refused because GitHub is not connected while the session's PR is open. */
export const BASE_CHANGE_NEEDS_GITHUB = "github_not_connected";

/** The `details.reason` of a Create refused because GitHub's copy of the branch and the worktree went different ways. */
export const BRANCH_DIVERGED_FROM_GITHUB = "branch_diverged";

export const UpdatePullRequestInput = lazySchema(() => z.object({ title: z.string().trim().min(1).max(256).optional(), body: z.string().max(65_000).optional() }));
export type UpdatePullRequestInput = z.infer<typeof UpdatePullRequestInput>;

export const MergePullRequestInput = lazySchema(() => z.object({ method: MergeMethod }));
export type MergePullRequestInput = z.infer<typeof MergePullRequestInput>;

export const JobLogQuery = lazySchema(() => z.object({ fromLine: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(5000).optional() }));

/** Start a session from a PR (URL or number), a remote branch, or an issue of the workspace's GitHub repository. */
export const StartFromGithubInput = lazySchema(() => z.discriminatedUnion("from", [
  z.object({ from: z.literal("pullRequest"), workspaceId: WorkspaceId, pullRequest: z.string().trim().min(1).max(300) }),
  z.object({ from: z.literal("branch"), workspaceId: WorkspaceId, branch: z.string().trim().min(1).max(200) }),
  z.object({ from: z.literal("issue"), workspaceId: WorkspaceId, issue: z.number().int().positive() }),
]));
export type StartFromGithubInput = z.infer<typeof StartFromGithubInput>;

export const ConnectLinearInput = lazySchema(() => z.object({ apiKey: z.string().trim().min(10).max(300) }));
export const LinearSettingsInput = lazySchema(() => z.object({ isAutoStatus: z.boolean() }));
/** `after`: the `nextCursor` of the page before (the issues list comes a page at a time). */
export const LinearIssuesQuery = lazySchema(() => z.object({ q: z.string().max(200).optional(), teamId: z.string().max(100).optional(), after: z.string().max(200).optional() }));
export const StartFromLinearInput = lazySchema(() => z.object({ workspaceId: WorkspaceId, issueId: z.string().min(1).max(100) }));
export const LinkLinearInput = lazySchema(() => z.object({ sessionId: SessionId, issueId: z.string().min(1).max(100) }));
export const WorkspaceIntegrationInput = lazySchema(() => z.object({ archiveOnMerge: z.boolean() }));
