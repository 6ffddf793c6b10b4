import type { CreateSessionInput } from "../../../shared/api/inputs.ts";
import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import type { PushPayload } from "../remote/push-service.ts";
import type { Conversation, Session, Workspace } from "../../../shared/protocol/model.ts";

/** What the integrations room asks of the workspace and conversation rooms (wired in the composition root). */
export type SessionsPort = {
  get(id: SessionId): Session;
  workspace(session: Session): Workspace;
  /** Sessions that are not archived, in every workspace. */
  listActive(): Session[];
  archive(id: SessionId): Promise<unknown>;
  create(input: CreateSessionInput): Promise<{ session: Session; conversation: Conversation }>;
  /** Resolves when the session's worktree is ready. */
  whenReady(id: SessionId): Promise<void>;
  /** The session's task conversation (its first), or null. */
  taskConversation(id: SessionId): ConversationId | null;
  /** Pushes the session's branch to origin (the workbench's push: progress on every device, cancellable). */
  push(id: SessionId): Promise<unknown>;
  /** Pulls origin's copy of the session's branch into it (the workbench's pull: a merge, progress on every device). */
  pull(id: SessionId): Promise<{ status: "done" | "conflicts" }>;
  /** Whether Claude is at work in one of the session's conversations (starting, running or waiting on the user). */
  isWorking(id: SessionId): boolean;
  /** Reads the session's git state again and publishes it (after the worktree moved under the workbench). */
  refreshGit(id: SessionId): Promise<unknown>;
  /** Throws `bad_request` unless `base` can be the session's base branch; changes nothing. */
  checkBaseBranch(id: SessionId, base: string): Promise<unknown>;
  /** Makes `base` the session's base branch (checked again) and reads its git state against it. */
  changeBaseBranch(id: SessionId, base: string): Promise<Session>;
  /** Sends a user message to a conversation through the normal send path. */
  send(conversationId: ConversationId, text: string): Promise<void>;
};

/** Sends a push notification to every device that wants "finished" notifications. */
export type Notify = (payload: PushPayload) => Promise<void>;
