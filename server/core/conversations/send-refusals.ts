import type { ConversationId } from "../../../shared/ids.ts";
import { unavailableReason, type UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import type { Repositories } from "../../persistence/repositories.ts";

/** The session a conversation belongs to (throws `not_found` when either is gone). */
export function sessionOf(repos: Repositories, conversationId: ConversationId): Session {
  const conversation = repos.conversations.get(conversationId);
  const session = conversation ? repos.sessions.get(conversation.sessionId) : null;
  if (!session) throw new AppError("not_found", `The session of conversation ${conversationId} is gone.`);
  return session;
}

/**
 * A removed workspace's or an archived session's conversation starts no Claude process: a removed workspace keeps its
 * conversations' history, but a device still showing one must not start its CLI again until the workspace is
 * restored; an archived session's git state is no longer watched and its processes were stopped, so it is unarchived
 * first, by the user's choice and never behind their back (ADR 0072). `outcome` ends the archived refusal with what did
 * not happen and what to do. Answers the session it checked.
 */
export function refuseWhereNoWorkMayStart(repos: Repositories, conversationId: ConversationId, outcome: string): Session {
  const session = sessionOf(repos, conversationId);
  const workspace = repos.workspaces.get(session.workspaceId);
  if (workspace && workspace.archivedAt !== null) {
    throw new AppError("bad_request", `The workspace ${workspace.name} was removed (its history is kept). Restore it first.`);
  }
  if (session.archivedAt !== null) {
    throw new AppError("session_archived", `The session ${session.title ?? session.name} is archived, ${outcome}`);
  }
  return session;
}

/**
 * A conversation stored in a mode this server cannot start Claude Code in (bypass saved by an older build, or while
 * ChatML ran with `IS_SANDBOX=1`, then started as root without it) would launch a CLI that exits at once, and every
 * later send would again (ADR 0097). Refused before anything is stored, saying what to change.
 */
export function refuseStoredUnavailableMode(repos: Repositories, unavailable: readonly UnavailablePermissionMode[], conversationId: ConversationId, outcome: string): void {
  if (unavailable.length === 0) return;
  const mode = repos.conversations.get(conversationId)?.permissionMode;
  const reason = mode ? unavailableReason(unavailable, mode) : null;
  if (reason) throw new AppError("bad_request", `${reason} This conversation is in that mode, ${outcome}: pick another mode for it in the session's controls.`);
}
