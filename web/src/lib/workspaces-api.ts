import type {
  ConversationId,
  CreateConversationInput,
  CreateSessionInput,
  DeleteSessionInput,
  DeleteWorkspaceHistoryInput,
  SessionId,
  UpdateSessionInput,
  UpdateWorkspaceInput,
  WorkspaceId,
} from "../../../shared/index.ts";
import { call, client } from "./rpc.ts";

const workspace = client.workspaces[":id"];
const session = client.sessions[":id"];
const conversation = client.conversations[":id"];

/** REST calls for workspaces, sessions, conversation management and search (typed by the server's `AppType`). */
export const workspacesApi = {
  addWorkspace: (path: string) => call(client.workspaces.$post({ json: { path } })),
  updateWorkspace: (id: WorkspaceId, input: UpdateWorkspaceInput) => call(workspace.$patch({ param: { id }, json: input })),
  removeWorkspace: (id: WorkspaceId) => call(workspace.$delete({ param: { id } })),
  restoreWorkspace: (id: WorkspaceId) => call(workspace.restore.$post({ param: { id } })),
  workspaceHistory: (id: WorkspaceId) => call(workspace.history.$get({ param: { id } })),
  /** Deletes its history with what the user confirmed (ADR 0261): the server refuses, deleting nothing, if that changed. */
  deleteWorkspaceHistory: (id: WorkspaceId, confirmed: DeleteWorkspaceHistoryInput) =>
    call(workspace["delete-history"].$post({ param: { id }, json: confirmed })),
  branches: (id: WorkspaceId) => call(workspace.branches.$get({ param: { id } })),
  createSession: (input: CreateSessionInput) => call(client.sessions.$post({ json: input })),
  updateSession: (id: SessionId, input: UpdateSessionInput) => call(session.$patch({ param: { id }, json: input })),
  rerunSetup: (id: SessionId) => call(session.setup.$post({ param: { id } })),
  /** Stops the running setup script and what it started; answers once it has ended. */
  stopSetup: (id: SessionId) => call(session.setup.stop.$post({ param: { id } })),
  /** Makes `baseBranch` the session's base; an open PR is moved onto it on GitHub (ADR 0158). */
  changeBaseBranch: (id: SessionId, baseBranch: string, isHereOnly = false) => call(session["base-branch"].$put({ param: { id }, json: { baseBranch, ...(isHereOnly ? { isHereOnly } : {}) } })),
  refreshGit: (id: SessionId) => call(session.git.$post({ param: { id } })),
  archive: (id: SessionId) => call(session.archive.$post({ param: { id } })),
  unarchive: (id: SessionId) => call(session.unarchive.$post({ param: { id } })),
  /** Writes an archived session's summary again; the session says "being written" until it is stored. */
  summarizeAgain: (id: SessionId) => call(session.summary.$post({ param: { id } })),
  deleteSession: (id: SessionId, input: Partial<DeleteSessionInput>) => call(session.delete.$post({ param: { id }, json: input })),
  createConversation: (input: CreateConversationInput) => call(client.conversations.$post({ json: input })),
  renameConversation: (id: ConversationId, title: string) => call(conversation.rename.$post({ param: { id }, json: { title } })),
  closeConversation: (id: ConversationId) => call(conversation.close.$post({ param: { id } })),
  /** Deletes a conversation and its history for good; every device drops it when the server says it is gone. */
  deleteConversation: (id: ConversationId) => call(conversation.$delete({ param: { id } })),
  search: (q: string) => call(client.search.$get({ query: { q } })),
};

export type SearchResult = Awaited<ReturnType<typeof workspacesApi.search>>["results"][number];
