import type { StartFromGithubInput } from "../../../shared/api/integrations.ts";
import type { WorkspaceId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Conversation, Session, Workspace } from "../../../shared/protocol/model.ts";
import { assertValidBranchName, branchExists, runGit, withGitHint } from "../../git/index.ts";
import { parsePullRequestRef } from "../../integrations/github/remote-url.ts";
import type { GithubConnectionService } from "./github-connection.ts";
import type { SessionsPort } from "./ports.ts";
import type { PullRequestService } from "./pull-request-service.ts";

type Deps = {
  connection: GithubConnectionService;
  pullRequests: PullRequestService;
  sessions: SessionsPort;
  workspace(id: WorkspaceId): Promise<Workspace>;
};
export type Started = { session: Session; conversation: Conversation };

/** Sessions that start from GitHub: a pull request (even from a fork), any remote branch, or an issue. */
export class StartFromGithub {
  constructor(private readonly deps: Deps) {}

  async start(input: StartFromGithubInput): Promise<Started> {
    const workspace = await this.deps.workspace(input.workspaceId);
    if (!workspace.isGitRepo) throw new AppError("bad_request", `${workspace.path} is not a git repository.`);
    if (input.from === "pullRequest") return this.fromPullRequest(workspace, input.pullRequest);
    if (input.from === "branch") return this.fromBranch(workspace, input.branch);
    return this.fromIssue(workspace, input.issue);
  }

  /** Fetches `pull/N/head` into a local branch (the PR's own name, or `pr-N-<name>` for a fork) and links the PR. */
  private async fromPullRequest(workspace: Workspace, text: string): Promise<Started> {
    const ref = parsePullRequestRef(text);
    if (!ref) throw new AppError("bad_request", `"${text}" is not a pull request number or URL.`);
    const api = await this.deps.connection.repoApi(workspace.path);
    if (ref.repo && `${ref.repo.owner}/${ref.repo.name}`.toLowerCase() !== `${api.repo.owner}/${api.repo.name}`.toLowerCase()) {
      throw new AppError("bad_request", `That pull request belongs to ${ref.repo.owner}/${ref.repo.name}, not to this workspace's ${api.repo.owner}/${api.repo.name}.`);
    }
    const pull = await api.pull(ref.number);
    const isFork = pull.headRepo !== null && pull.headRepo.toLowerCase() !== `${api.repo.owner}/${api.repo.name}`.toLowerCase();
    const local = isFork || ["main", "master", "develop"].includes(pull.headRef) ? `pr-${pull.number}-${slug(pull.headRef)}` : pull.headRef;
    await this.fetchInto(workspace, `pull/${pull.number}/head`, local);
    const started = await this.deps.sessions.create({ workspaceId: workspace.id, kind: "branch", branch: local, baseBranch: pull.baseRef });
    await this.deps.pullRequests.link(started.session.id, pull.number);
    return started;
  }

  /** A branch that may exist only on origin: fetched into a local branch of the same name first. */
  private async fromBranch(workspace: Workspace, branch: string): Promise<Started> {
    const name = branch.replace(/^origin\//, "");
    await assertValidBranchName(workspace.path, name);
    if (!(await branchExists(workspace.path, name))) await this.fetchInto(workspace, `refs/heads/${name}`, name);
    return this.deps.sessions.create({ workspaceId: workspace.id, kind: "branch", branch: name });
  }

  /**
   * A new branch named from the issue; its title and body become the first prompt. An issue a session works on
   * already is refused naming that session (the page opens it): it said only that another session had the branch.
   */
  private async fromIssue(workspace: Workspace, number: number): Promise<Started> {
    const api = await this.deps.connection.repoApi(workspace.path);
    const issue = await api.issue(number);
    const branch = `issue-${issue.number}-${slug(issue.title)}`;
    const open = this.deps.sessions.listActive().find((s) => s.workspaceId === workspace.id && s.branch === branch);
    if (open) throw new AppError("conflict", `Issue #${issue.number} has a session already: "${open.title ?? open.name}" works on ${branch}.`, { sessionId: open.id });
    const started = await this.deps.sessions.create({ workspaceId: workspace.id, kind: "worktree", branch });
    const prompt = `Work on GitHub issue #${issue.number}: ${issue.title}\n${issue.url}\n\n${issue.body}`.trim();
    sendWhenReady(this.deps.sessions, started, prompt);
    return started;
  }

  private async fetchInto(workspace: Workspace, remoteRef: string, local: string): Promise<void> {
    if (await branchExists(workspace.path, local)) throw new AppError("conflict", `The branch "${local}" exists already; start the session from it instead.`);
    const result = await runGit(workspace.path, ["fetch", "--quiet", "origin", `+${remoteRef}:refs/heads/${local}`], { timeoutMs: 60_000 });
    if (result.code !== 0) {
      throw new AppError("bad_request", withGitHint(`Fetching ${remoteRef} from origin failed: ${result.stderr.trim().split(/\r?\n/)[0] || `exit ${result.code}`}`, result.stderr));
    }
  }
}

/** Sends the first prompt once the worktree is set up (the answer to the request does not wait for it). */
export function sendWhenReady(sessions: SessionsPort, started: Started, prompt: string): void {
  void sessions
    .whenReady(started.session.id)
    .then(() => sessions.send(started.conversation.id, prompt))
    .catch((error: unknown) => console.warn(`[integrations] first prompt of ${started.session.id} failed:`, error instanceof Error ? error.message : error));
}

/** Lower-case words joined by dashes, short enough for a branch name. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "") || "work";
}
