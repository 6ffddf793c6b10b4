import type { CreateConversationInput } from "../../../shared/api/inputs.ts";
import type { ConversationId, JobId, SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Conversation, Session } from "../../../shared/protocol/model.ts";
import { diffAgainstBase } from "../../git/status.ts";
import { publish, type EntityDeps } from "../entity-context.ts";
import { refuseUnavailableMode, type UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";

/** Sends a user message into a conversation (the conversation service does it). */
export type SendFirstMessage = (id: ConversationId, text: string) => Promise<void>;

/** Largest diff put into a review conversation's first message. */
const MAX_REVIEW_DIFF = 60_000;

/** A session's conversations: create (a review one starts with the session's diff), rename, close and reopen. */
export class ConversationCatalog {
  constructor(private readonly deps: EntityDeps & { sendFirstMessage?: SendFirstMessage; unavailableModes?: readonly UnavailablePermissionMode[] }) {}

  /** Conversations, newest first; one session's when given. Closed ones are included (they carry `closedAt`). */
  list(sessionId?: SessionId): Conversation[] {
    return this.deps.repos.conversations.list(sessionId);
  }

  /** The conversation, or `not_found`. */
  get(id: ConversationId): Conversation {
    const conversation = this.deps.repos.conversations.get(id);
    if (!conversation) throw new AppError("not_found", `Conversation ${id} does not exist.`);
    return conversation;
  }

  /**
   * Adds an idle conversation to a session; a review conversation is then sent the session's diff to review. An
   * archived session or a removed workspace takes none (a stale tab or a script would add one no message may reach;
   * the session screen says why and offers Unarchive or Restore).
   */
  create(input: CreateConversationInput, options: { jobId?: JobId } = {}): Conversation {
    const session = this.deps.repos.sessions.get(input.sessionId);
    if (!session) throw new AppError("not_found", `Session ${input.sessionId} does not exist.`);
    refuseUnavailableMode(this.deps.unavailableModes ?? [], input.permissionMode);
    const workspace = this.deps.repos.workspaces.get(session.workspaceId);
    if (workspace && workspace.archivedAt !== null) {
      throw new AppError("bad_request", `The workspace ${workspace.name} was removed (its history is kept), so it takes no new conversation. Restore it first.`);
    }
    if (session.archivedAt !== null) {
      throw new AppError("session_archived", `The session ${session.title ?? session.name} is archived, so it takes no new conversation. Unarchive it first.`);
    }
    const kind = input.kind ?? "chat";
    const conversation = this.deps.repos.conversations.create({
      sessionId: session.id,
      title: input.title ?? defaultTitle(kind),
      kind,
      model: input.model ?? null,
      effort: input.effort ?? null,
      permissionMode: input.permissionMode ?? (kind === "review" ? "plan" : "default"),
      jobId: options.jobId ?? null,
    });
    publish(this.deps.bus, { conversation });
    if (kind === "review") void this.startReview(conversation, session);
    return conversation;
  }

  /** Renames a conversation. */
  rename(id: ConversationId, title: string): Conversation {
    this.get(id);
    const conversation = this.deps.repos.conversations.update(id, { title });
    publish(this.deps.bus, { conversation });
    return conversation;
  }

  /** Closes (hides, history kept) or reopens a conversation. */
  setClosed(id: ConversationId, isClosed: boolean): Conversation {
    this.get(id);
    const conversation = this.deps.repos.conversations.setClosed(id, isClosed ? this.deps.now() : null);
    publish(this.deps.bus, { conversation });
    return conversation;
  }

  private async startReview(conversation: Conversation, session: Session): Promise<void> {
    if (!this.deps.sendFirstMessage) return;
    try {
      const base = session.baseBranch ?? session.git?.branch ?? "HEAD";
      const { stat, diff, isTruncated } = await diffAgainstBase(session.cwd, base, MAX_REVIEW_DIFF);
      const text = diff
        ? `Review the changes of this session against ${base}. Point out bugs, risks and missing tests; do not change files.\n\n${stat}\n\n\`\`\`diff\n${diff}${isTruncated ? "\n… (diff truncated)" : ""}\n\`\`\``
        : `Review this session's work against ${base}. There are no changes yet; say so and suggest next steps.`;
      await this.deps.sendFirstMessage(conversation.id, text);
    } catch (error) {
      console.warn(`[conversations] review of ${conversation.id} not started:`, error instanceof Error ? error.message : error);
    }
  }
}

function defaultTitle(kind: Conversation["kind"]): string {
  return kind === "review" ? "Review" : kind === "task" ? "Task" : "New conversation";
}
