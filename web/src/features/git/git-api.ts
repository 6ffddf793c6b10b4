import type { GitCommitInput, GitHunkInput, GitIntegrateInput, GitPushInput, GitStashInput, SessionId } from "../../../../shared/index.ts";
import { call, client } from "../../lib/rpc.ts";

const git = client.sessions[":id"].git;

/** REST calls of the Git panel (typed by the server's `AppType`). */
export const gitApi = {
  changes: (id: SessionId) => call(git.changes.$get({ param: { id } })),
  diff: (id: SessionId, path: string, isStaged: boolean, oldPath: string | null = null) =>
    call(git.diff.$get({ param: { id }, query: { path, ...(oldPath ? { oldPath } : {}), staged: isStaged ? "true" : "false" } })),
  operation: (id: SessionId) => call(git.operation.$get({ param: { id } })),
  stage: (id: SessionId, paths: string[]) => call(git.stage.$post({ param: { id }, json: { paths } })),
  unstage: (id: SessionId, paths: string[]) => call(git.unstage.$post({ param: { id }, json: { paths } })),
  stageAll: (id: SessionId) => call(git["stage-all"].$post({ param: { id } })),
  unstageAll: (id: SessionId) => call(git["unstage-all"].$post({ param: { id } })),
  discard: (id: SessionId, paths: string[]) => call(git.discard.$post({ param: { id }, json: { paths } })),
  hunk: (id: SessionId, input: GitHunkInput) => call(git.hunk.$post({ param: { id }, json: input })),
  draftMessage: (id: SessionId) => call(git["draft-message"].$post({ param: { id } })),
  lastMessage: (id: SessionId) => call(git["last-message"].$get({ param: { id } })),
  history: (id: SessionId, limit: number) => call(git.log.$get({ param: { id }, query: { limit: String(limit) } })),
  commitDetail: (id: SessionId, sha: string) => call(git.commits[":sha"].$get({ param: { id, sha } })),
  commit: (id: SessionId, input: GitCommitInput) => call(git.commit.$post({ param: { id }, json: input })),
  push: (id: SessionId, input: GitPushInput) => call(git.push.$post({ param: { id }, json: input })),
  integrate: (id: SessionId, input: GitIntegrateInput) => call(git.integrate.$post({ param: { id }, json: input })),
  continueOperation: (id: SessionId) => call(git.continue.$post({ param: { id } })),
  abortOperation: (id: SessionId) => call(git.abort.$post({ param: { id } })),
  cancel: (id: SessionId) => call(git.cancel.$post({ param: { id } })),
  stashes: (id: SessionId) => call(git.stashes.$get({ param: { id } })),
  stashDetail: (id: SessionId, sha: string) => call(git.stashes[":sha"].$get({ param: { id, sha } })),
  stash: (id: SessionId, input: GitStashInput) => call(git.stashes.$post({ param: { id }, json: input })),
  applyStash: (id: SessionId, sha: string, pop: boolean) => call(git.stashes[":sha"].apply.$post({ param: { id, sha }, json: { pop } })),
  dropStash: (id: SessionId, sha: string) => call(git.stashes[":sha"].$delete({ param: { id, sha } })),
};
