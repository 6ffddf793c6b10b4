import type { components } from "@octokit/openapi-types";

type S = components["schemas"];
/**
 * The fields of GitHub's published schemas that the fake answers with. Picking them from `@octokit/openapi-types`
 * keeps names and types honest: a field GitHub renamed or retyped fails the typecheck.
 */
export type PullShape = Pick<
  S["pull-request"],
  "id" | "node_id" | "number" | "html_url" | "title" | "body" | "state" | "draft" | "merged" | "merged_at" | "mergeable" | "mergeable_state" | "requested_reviewers" | "labels"
> & {
  head: Pick<S["pull-request"]["head"], "ref" | "sha"> & { repo: { full_name: string } | null };
  base: Pick<S["pull-request"]["base"], "ref" | "sha">;
};
export type CheckRunShape = Pick<S["check-run"], "id" | "name" | "status" | "conclusion" | "html_url" | "head_sha"> & { app: { slug: string } | null };
export type WorkflowRunShape = Pick<S["workflow-run"], "id" | "name" | "display_title" | "status" | "conclusion" | "html_url" | "head_sha">;
export type JobShape = Pick<S["job"], "id" | "run_id" | "name" | "status" | "conclusion"> & {
  steps: Pick<NonNullable<S["job"]["steps"]>[number], "name" | "status" | "conclusion" | "number" | "started_at" | "completed_at">[];
};
export type ReviewShape = Pick<S["pull-request-review"], "id" | "state" | "body" | "submitted_at" | "html_url"> & { user: { login: string } };
export type ReviewCommentShape = Pick<S["pull-request-review-comment"], "id" | "body" | "path" | "line" | "original_line" | "created_at" | "html_url"> & { user: { login: string } };
export type IssueCommentShape = Pick<S["issue-comment"], "id" | "body" | "created_at" | "html_url"> & { user: { login: string } };
export type IssueShape = Pick<S["issue"], "id" | "number" | "title" | "body" | "html_url" | "state">;
export type RepoShape = Pick<S["full-repository"], "id" | "name" | "full_name" | "default_branch" | "allow_merge_commit" | "allow_squash_merge" | "allow_rebase_merge">;
export type UserShape = Pick<S["simple-user"], "login" | "id">;
