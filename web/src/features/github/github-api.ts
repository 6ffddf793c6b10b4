import type { ConnectGithubInput, CreatePullRequestInput, MergeMethod, StartFromGithubInput, UpdatePullRequestInput, WorkspaceId } from "../../../../shared/index.ts";
import { call, client } from "../../lib/rpc.ts";

const pr = client.sessions[":id"]["pull-request"];
const job = pr.jobs[":jobId"];
const param = (id: string) => ({ param: { id: id as never } });
const jobParam = (id: string, jobId: number) => ({ param: { id: id as never, jobId: String(jobId) } });

/** REST calls for GitHub: the connection, a session's PR and its CI, start from GitHub. */
export const githubApi = {
  connection: () => call(client.integrations.github.$get()),
  connect: (input: ConnectGithubInput) => call(client.integrations.github.$put({ json: input })),
  disconnect: () => call(client.integrations.github.$delete()),
  openPullRequests: () => call(client["pull-requests"].$get()),
  pullRequest: (sessionId: string) => call(pr.$get(param(sessionId))),
  refresh: (sessionId: string) => call(pr.refresh.$post(param(sessionId))),
  draft: (sessionId: string) => call(pr.draft.$post(param(sessionId))),
  /** The create form's first title and description: a single commit's subject and body, as GitHub's own form. */
  defaults: (sessionId: string) => call(pr.defaults.$get(param(sessionId))),
  create: (sessionId: string, input: CreatePullRequestInput) => call(pr.$post({ ...param(sessionId), json: input })),
  update: (sessionId: string, input: UpdatePullRequestInput) => call(pr.$patch({ ...param(sessionId), json: input })),
  ready: (sessionId: string) => call(pr.ready.$post(param(sessionId))),
  merge: (sessionId: string, method: MergeMethod) => call(pr.merge.$post({ ...param(sessionId), json: { method } })),
  updateBranch: (sessionId: string) => call(pr["update-branch"].$post(param(sessionId))),
  pullBranch: (sessionId: string) => call(pr["pull-branch"].$post(param(sessionId))),
  /** The workbench's pull of GitHub's copy of the branch (a merge), for a session that has no PR yet. */
  pullBranchIn: (sessionId: string) => call(client.sessions[":id"].git.integrate.$post({ ...param(sessionId), json: { mode: "merge", from: "upstream" } })),
  askToMergeBase: (sessionId: string) => call(pr["merge-base"]["send-to-claude"].$post(param(sessionId))),
  close: (sessionId: string) => call(pr.close.$post(param(sessionId))),
  sendReviewToClaude: (sessionId: string) => call(pr.review["send-to-claude"].$post(param(sessionId))),
  requestReviewAgain: (sessionId: string) => call(pr.review["request-again"].$post(param(sessionId))),
  jobLog: (sessionId: string, jobId: number, fromLine?: number) =>
    call(job.log.$get({ ...jobParam(sessionId, jobId), query: fromLine === undefined ? {} : { fromLine: String(fromLine) } })),
  sendToClaude: (sessionId: string, jobId: number) => call(job["send-to-claude"].$post(jobParam(sessionId, jobId))),
  rerun: (sessionId: string, jobId: number) => call(job.rerun.$post(jobParam(sessionId, jobId))),
  start: (input: StartFromGithubInput) => call(client.integrations.github.start.$post({ json: input })),
  issues: (workspaceId: WorkspaceId, q: string) => call(client.workspaces[":id"].github.issues.$get({ param: { id: workspaceId }, query: { q } })),
  workspaceSettings: (workspaceId: WorkspaceId) => call(client.workspaces[":id"].integrations.$get({ param: { id: workspaceId } })),
  setArchiveOnMerge: (workspaceId: WorkspaceId, archiveOnMerge: boolean) =>
    call(client.workspaces[":id"].integrations.$put({ param: { id: workspaceId }, json: { archiveOnMerge } })),
};
