import type {
  AnswerPermissionInput,
  Conversation,
  ConversationId,
  Message,
  PermissionMode,
  PermissionRequest,
  SequencedEvent,
  Session,
  SessionId,
  Settings,
  StartInFolderInput,
  Transport,
  Workspace,
  WorkspaceId,
} from "../../../shared/index.ts";
import { request } from "./http.ts";

/*
 * The typed REST client. Written against docs/architecture.md with a small fetch wrapper until
 * server/http/app.ts exports `AppType`; then swap the bodies for `hc<AppType>("/", { init: { credentials:
 * "same-origin" } })` calls here and nothing else changes (callers only see these functions).
 */

export type DirEntry = { name: string; path: string; isGitRepo: boolean };
export type DirListing = { path: string; parent: string | null; entries: DirEntry[] };
export type ServerInfo = {
  version: string;
  protocol: number;
  dataDir: string;
  cli: { path: string | null; version: string | null; transport: Transport | null; error: string | null };
  settings: Settings;
};
export type Started = { workspace: Workspace; session: Session; conversation: Conversation };

const enc = encodeURIComponent;
const conv = (id: ConversationId) => `/api/conversations/${enc(id)}`;

/** Every REST call the SPA makes. Commands take a `commandId`; pass the same one when retrying. */
export const api = {
  info: () => request<ServerInfo>("GET", "/api/info"),
  listDirs: (path?: string) => request<DirListing>("GET", `/api/fs/dirs${path ? `?path=${enc(path)}` : ""}`),
  workspaces: () => request<{ workspaces: Workspace[] }>("GET", "/api/workspaces"),
  sessions: (workspaceId: WorkspaceId) =>
    request<{ sessions: Session[] }>("GET", `/api/sessions?workspaceId=${enc(workspaceId)}`),
  conversations: (sessionId: SessionId) =>
    request<{ conversations: Conversation[] }>("GET", `/api/conversations?sessionId=${enc(sessionId)}`),
  start: (input: StartInFolderInput) => request<Started>("POST", "/api/start", input),
  conversation: (id: ConversationId) =>
    request<{ conversation: Conversation; pendingPermissions: PermissionRequest[] }>("GET", conv(id)),
  events: (id: ConversationId, afterSeq: number, limit = 1000) =>
    request<{ events: SequencedEvent[]; lastSeq: number }>(
      "GET",
      `${conv(id)}/events?afterSeq=${afterSeq}&limit=${limit}`,
    ),
  messages: (id: ConversationId) => request<{ messages: Message[] }>("GET", `${conv(id)}/messages`),
  sendMessage: (id: ConversationId, commandId: string, text: string) =>
    request<{ messageId: string }>("POST", `${conv(id)}/messages`, { commandId, text, images: [] }),
  answerPermission: (id: ConversationId, requestId: string, input: AnswerPermissionInput) =>
    request<{ ok: true }>("POST", `${conv(id)}/permissions/${enc(requestId)}`, input),
  interrupt: (id: ConversationId, commandId: string) =>
    request<{ ok: true }>("POST", `${conv(id)}/interrupt`, { commandId }),
  stop: (id: ConversationId, commandId: string) => request<{ ok: true }>("POST", `${conv(id)}/stop`, { commandId }),
  setPermissionMode: (id: ConversationId, commandId: string, mode: PermissionMode) =>
    request<{ ok: true }>("POST", `${conv(id)}/permission-mode`, { commandId, mode }),
};
