import { statSync } from "node:fs";
import { basename, resolve } from "node:path";
import type { ConversationId, SessionId, WorkspaceId } from "../../shared/ids.ts";
import type { CreateConversationInput, CreateSessionInput, CreateWorkspaceInput, StartInFolderInput } from "../../shared/api/inputs.ts";
import { AppError } from "../../shared/protocol/errors.ts";
import type { Conversation, Session, Workspace } from "../../shared/protocol/model.ts";
import type { Repositories } from "../persistence/repositories.ts";
import type { EventBus } from "./event-bus.ts";

/** Workspaces (folders), their sessions and conversations; every change is pushed to every device. */
export class WorkspaceService {
  constructor(private readonly deps: { repos: Repositories; bus: EventBus; now: () => number }) {}

  listWorkspaces(): Workspace[] {
    return this.deps.repos.workspaces.list();
  }

  createWorkspace(input: CreateWorkspaceInput): Workspace {
    const path = requireDirectory(input.path);
    if (this.deps.repos.workspaces.getByPath(path)) throw new AppError("conflict", `${path} is already a workspace.`);
    const workspace = this.deps.repos.workspaces.create({ path, name: input.name ?? (basename(path) || path) });
    this.deps.bus.publish({ kind: "entity", change: { kind: "workspace", workspace } });
    return workspace;
  }

  listSessions(workspaceId?: WorkspaceId): Session[] {
    return this.deps.repos.sessions.list(workspaceId);
  }

  /** A session in the workspace folder itself (worktree-isolated sessions build on this). */
  createSession(input: CreateSessionInput): Session {
    const workspace = this.deps.repos.workspaces.get(input.workspaceId);
    if (!workspace) throw new AppError("not_found", `Workspace ${input.workspaceId} does not exist.`);
    requireDirectory(workspace.path);
    const session = this.deps.repos.sessions.create({ workspaceId: workspace.id, name: input.name ?? workspace.name, cwd: workspace.path });
    this.deps.bus.publish({ kind: "entity", change: { kind: "session", session } });
    return session;
  }

  listConversations(sessionId?: SessionId): Conversation[] {
    return this.deps.repos.conversations.list(sessionId);
  }

  getConversation(id: ConversationId): Conversation {
    const conversation = this.deps.repos.conversations.get(id);
    if (!conversation) throw new AppError("not_found", `Conversation ${id} does not exist.`);
    return conversation;
  }

  createConversation(input: CreateConversationInput): Conversation {
    const session = this.deps.repos.sessions.get(input.sessionId);
    if (!session) throw new AppError("not_found", `Session ${input.sessionId} does not exist.`);
    const conversation = this.deps.repos.conversations.create({
      sessionId: session.id,
      title: input.title ?? "New conversation",
      kind: input.kind ?? "chat",
      model: input.model ?? null,
      permissionMode: input.permissionMode ?? "default",
    });
    this.deps.bus.publish({ kind: "entity", change: { kind: "conversation", conversation } });
    return conversation;
  }

  /** The shortest path to work: a folder in, a new conversation out (workspace and session reused when they exist). */
  startInFolder(input: StartInFolderInput): { workspace: Workspace; session: Session; conversation: Conversation } {
    const path = requireDirectory(input.path);
    const workspace = this.deps.repos.workspaces.getByPath(path) ?? this.createWorkspace({ path });
    const session = this.deps.repos.sessions.list(workspace.id)[0] ?? this.createSession({ workspaceId: workspace.id });
    const conversation = this.createConversation({
      sessionId: session.id,
      title: input.title ?? `Conversation in ${workspace.name}`,
      model: input.model,
      permissionMode: input.permissionMode,
    });
    return { workspace, session, conversation };
  }
}

function requireDirectory(path: string): string {
  const absolute = resolve(path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch (error) {
    throw new AppError("bad_request", `${absolute} does not exist or cannot be read.`, { cause: String(error) });
  }
  if (!isDirectory) throw new AppError("bad_request", `${absolute} is not a folder.`);
  return absolute;
}
