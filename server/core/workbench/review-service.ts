import { existsSync, readFileSync } from "node:fs";
import type { ChangeScope, CreateCommentInput, ReplyInput, ReviewComment, SendCommentsInput, UpdateCommentInput } from "../../../shared/api/workbench.ts";
import { newId, type ConversationId, type SessionId } from "../../../shared/ids.ts";
import type { SendMessageInput } from "../../../shared/api/inputs.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import { resolveRef } from "../../git/refs.ts";
import type { EntityDeps } from "../entity-context.ts";
import type { ChangesService } from "./changes-service.ts";
import { linesOf, reanchor } from "../../../shared/review-anchor.ts";
import { reviewMessage } from "./review-message.ts";
import { confine } from "./worktree-paths.ts";

/** What the old side of a diff is, per scope. */
const OLD_SIDE: Record<ChangeScope, string> = { base: "base", uncommitted: "last committed", turn: "turn's starting" };

/** What the review service needs beyond storage and the bus. */
export type ReviewDeps = EntityDeps & {
  session: (id: SessionId) => Session;
  changes: ChangesService;
  sendMessage: (id: ConversationId, input: SendMessageInput) => Promise<{ messageId: string }>;
};

/** Review comments on a session's diff: made on lines, kept anchored as files change, sent to Claude, resolved. */
export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  /** A session's comments, each re-anchored to where its lines are now (or marked outdated). */
  list(sessionId: SessionId): ReviewComment[] {
    const session = this.deps.session(sessionId);
    const comments = this.deps.repos.reviewComments.listForSession(sessionId);
    return comments.map((comment) => (comment.isResolved || comment.side === "old" ? comment : this.follow(session, comment)));
  }

  async create(sessionId: SessionId, input: CreateCommentInput): Promise<ReviewComment> {
    const session = this.deps.session(sessionId);
    const text = await this.sideText(session, input.path, input.oldPath ?? null, input.side, input.scope ?? "base");
    const lineCount = text.split("\n").length;
    if (input.endLine > lineCount) throw new AppError("bad_request", `${input.path} has ${lineCount} lines in that version; line ${input.endLine} does not exist.`);
    const commitSha = await resolveRef(session.cwd, "HEAD");
    const comment = this.deps.repos.reviewComments.insert(newId("message").replace("msg_", "rvc_"), sessionId, {
      path: confine(session.cwd, input.path).relative,
      side: input.side,
      startLine: input.startLine,
      endLine: input.endLine,
      body: input.body,
      commitSha,
      anchorText: linesOf(text, input.startLine, input.endLine),
    });
    this.changed(sessionId);
    return comment;
  }

  /** Answers a comment: the reply joins its thread, on the thread's lines (a reply to a reply answers the same thread). */
  reply(id: string, input: ReplyInput): ReviewComment {
    const sessionId = this.sessionOf(id);
    const parent = this.deps.repos.reviewComments.get(id) as ReviewComment;
    const root = (parent.replyTo ? this.deps.repos.reviewComments.get(parent.replyTo) : null) ?? parent;
    const { path, side, startLine, endLine, commitSha, anchorText } = root;
    const reply = this.deps.repos.reviewComments.insert(newId("message").replace("msg_", "rvc_"), sessionId, { path, side, startLine, endLine, commitSha, anchorText, body: input.body, replyTo: root.id });
    this.changed(sessionId);
    return reply;
  }

  /**
   * Resolves, reopens or edits a comment (resolving a reply resolves its thread). An edit is marked (`editedAt`) and makes a sent comment unsent: Claude saw
   * the old words. An edit started from text another device changed since is refused, so neither edit is lost silently.
   */
  update(id: string, patch: UpdateCommentInput): ReviewComment {
    const sessionId = this.sessionOf(id);
    const current = this.deps.repos.reviewComments.get(id);
    const { body, previousBody, isResolved } = patch;
    if (current && body !== undefined && previousBody !== undefined && previousBody !== current.body) {
      throw new AppError("conflict", "This comment was changed on another device while you edited it. Your words are still here: save again to replace its text with them.");
    }
    const isEdit = current !== null && body !== undefined && body !== current.body;
    if (isResolved !== undefined && current?.replyTo) this.deps.repos.reviewComments.update(current.replyTo, { isResolved });
    const comment = this.deps.repos.reviewComments.update(id, { isResolved, ...(isEdit ? { body, editedAt: this.deps.now(), sentAt: null } : {}) }) as ReviewComment;
    this.changed(sessionId);
    return comment;
  }

  remove(id: string): void {
    const sessionId = this.sessionOf(id);
    this.deps.repos.reviewComments.remove(id);
    this.changed(sessionId);
  }

  /**
   * Posts the chosen comments as one message to the session's task conversation. They are marked sent before the
   * message goes (and unmarked if it fails), so two devices sending at once do not post the same comments twice.
   */
  async send(sessionId: SessionId, input: SendCommentsInput): Promise<{ conversationId: ConversationId; messageId: string; sent: number }> {
    const all = this.list(sessionId);
    const named = input.commentIds ? all.filter((c) => input.commentIds?.includes(c.id)) : all.filter((c) => !c.isResolved && c.sentAt === null);
    if (named.length === 0) throw new AppError("bad_request", "There are no comments to send.");
    const chosen = named.filter((c) => c.sentAt === null);
    if (chosen.length === 0) throw new AppError("conflict", "These comments were sent to Claude already (from another device, or just now).");
    const conversationId = input.conversationId ?? this.taskConversation(sessionId);
    const at = this.deps.now();
    for (const comment of chosen) this.deps.repos.reviewComments.update(comment.id, { sentAt: at });
    try {
      const { messageId } = await this.deps.sendMessage(conversationId, { commandId: input.commandId, text: reviewMessage(chosen, all), images: [] });
      return { conversationId, messageId, sent: chosen.length };
    } catch (error) {
      for (const comment of chosen) this.deps.repos.reviewComments.update(comment.id, { sentAt: null });
      throw error;
    } finally {
      this.changed(sessionId);
    }
  }

  private follow(session: Session, comment: ReviewComment): ReviewComment {
    const { absolute } = confine(session.cwd, comment.path);
    const text = existsSync(absolute) ? readFileSync(absolute, "utf8") : null;
    const anchor = text === null ? { startLine: comment.startLine, endLine: comment.endLine, isOutdated: true } : reanchor(text, comment);
    if (anchor.startLine === comment.startLine && anchor.endLine === comment.endLine && anchor.isOutdated === comment.isOutdated) return comment;
    return this.deps.repos.reviewComments.update(comment.id, anchor) ?? comment;
  }

  private async sideText(session: Session, path: string, oldPath: string | null, side: "old" | "new", scope: ChangeScope): Promise<string> {
    // A renamed file's old side is at its old path (as the diff the lines were picked in shows it).
    const sides = await this.deps.changes.sides(session.id, scope, path, oldPath);
    const text = side === "old" ? sides.before : sides.after;
    if (text === null) throw new AppError("bad_request", `${side === "old" ? (oldPath ?? path) : path} does not exist in the ${side === "old" ? OLD_SIDE[scope] : "current"} version.`);
    return text;
  }

  private taskConversation(sessionId: SessionId): ConversationId {
    const conversations = this.deps.repos.conversations.list(sessionId).filter((c) => !c.closedAt);
    const target = conversations.find((c) => c.kind === "task") ?? conversations[0];
    if (!target) throw new AppError("bad_request", "This session has no open conversation to send the comments to.");
    return target.id;
  }

  private sessionOf(id: string): SessionId {
    const sessionId = this.deps.repos.reviewComments.sessionOf(id);
    if (!sessionId) throw new AppError("not_found", "No such review comment.");
    return sessionId;
  }

  private changed(sessionId: SessionId): void {
    this.deps.bus.publish({ kind: "workbench", sessionId, topic: "reviews" });
  }
}
