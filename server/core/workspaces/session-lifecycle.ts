import { existsSync, rmSync } from "node:fs";
import type { DeleteSessionInput } from "../../../shared/api/inputs.ts";
import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import { branchExists, isMergedInto } from "../../git/refs.ts";
import { diffAgainstBase } from "../../git/status.ts";
import { checkoutWork, type CheckoutWork } from "../../git/checkout-work.ts";
import { deleteBranch, removeWorktree } from "../../git/worktree.ts";
import { patchSession, type EntityDeps } from "../entity-context.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";
import type { SessionService } from "./session-service.ts";
import { plural } from "../../../shared/plural.ts";
import { messageOf } from "../../../shared/error-message.ts";
import { oneLine } from "../../../shared/one-line.ts";

/** Ends the CLI processes of conversations (the conversation service does it). */
export type StopConversations = (ids: ConversationId[]) => Promise<void>;
/** Tells the fake API in tests what kind of one-shot request this is. */
export const SUMMARY_MARKER = "[chatml:summary]";

type LifecycleDeps = EntityDeps & { sessions: SessionService; stopConversations: StopConversations; oneShot: OneShot };
/** What a delete did with the branch. */
export type DeleteResult = { deletedBranch: string | null; keptBranch: string | null };

/** Archive (with an AI summary), unarchive and delete, with git's rules on uncommitted work and unmerged branches. */
export class SessionLifecycle {
  /** Set when the server stops: a summary cut off by the stop is left unwritten for the next start to write. */
  private isStopped = false;

  constructor(private readonly deps: LifecycleDeps) {}

  /**
   * Writes, one after another in the background, the summaries a stop or a crash cut off: archived sessions still
   * without one (the page says one is being written). Call once after start.
   */
  resumeSummaries(): void {
    const pending = this.deps.repos.sessions.list().filter((s) => s.archivedAt !== null && s.summary === null);
    void (async () => {
      for (const session of pending) if (!this.isStopped) await this.summarize(session);
    })();
  }

  stop(): void {
    this.isStopped = true;
  }

  /** Hides a session, ends its CLI processes and writes a short summary in the background. The worktree stays. */
  async archive(id: SessionId): Promise<Session> {
    const session = this.deps.sessions.get(id);
    await this.stopAll(id);
    this.deps.sessions.git.unwatch(id);
    if (session.archivedAt !== null) return session;
    // A summary of an earlier archive no longer says where the session ended: the new one replaces it.
    const archived = patchSession(this.deps, id, { archivedAt: this.deps.now(), isPinned: false, summary: null });
    void this.summarize(archived);
    return archived;
  }

  /**
   * Writes an archived session's summary again (one that failed, or one that says too little): the shown summary
   * gives way to "being written" until the new one is stored.
   */
  summarizeAgain(id: SessionId): Session {
    const session = this.deps.sessions.get(id);
    if (session.archivedAt === null) throw new AppError("conflict", "Only an archived session has a summary: archive the session first.");
    if (session.summary === null) throw new AppError("conflict", "The summary is being written already.");
    const cleared = patchSession(this.deps, id, { summary: null });
    void this.summarize(cleared);
    return cleared;
  }

  /** Brings an archived session back and watches its git state again. */
  async unarchive(id: SessionId): Promise<Session> {
    this.deps.sessions.get(id);
    const session = patchSession(this.deps, id, { archivedAt: null });
    const workspace = this.deps.repos.workspaces.get(session.workspaceId);
    if (workspace) await this.deps.sessions.watchIfGit(session, workspace);
    return this.deps.sessions.get(id);
  }

  /**
   * Deletes a session: ends its CLIs, removes its worktree (refused with uncommitted changes unless `force`) and its
   * branch when merged into the base or when `deleteBranch` confirms it. A folder session leaves the folder alone.
   */
  async delete(id: SessionId, input: DeleteSessionInput): Promise<DeleteResult> {
    const session = this.deps.sessions.get(id);
    const workspace = this.deps.repos.workspaces.get(session.workspaceId);
    const result: DeleteResult = { deletedBranch: null, keptBranch: null };
    // A setup still running would go on in a worktree that is gone, or create it after the delete.
    await this.deps.sessions.stopSetup(id, "the session is being deleted");
    const hasRepo = workspace !== null && workspace.isGitRepo && existsSync(workspace.path);
    if (session.kind !== "folder" && hasRepo && session.worktreePath) {
      await this.removeTree(session, workspace.path, input.force);
      Object.assign(result, await this.removeBranch(session, workspace.path, input.deleteBranch));
    }
    await this.stopAll(id);
    this.deps.sessions.git.unwatch(id);
    this.deps.repos.sessions.remove(id);
    this.deps.bus.publish({ kind: "entity", change: { kind: "removed", entity: "session", id } });
    return result;
  }

  private async removeTree(session: Session, repo: string, force: boolean): Promise<void> {
    const path = session.worktreePath ?? session.cwd;
    const work: CheckoutWork = existsSync(path) ? await checkoutWork(path) : { paths: [], isCutShort: false };
    if (work.paths.length > 0 && !force) throw refusal(work);
    // Past the refusal, a broken checkout holds nothing of the user's, or the user chose to lose it. git refuses to
    // remove one it cannot read and leaves one it never linked (no `.git` yet): the folder goes first, then git forgets it.
    if (work.isCutShort || work.unreadable !== undefined) rmSync(path, { recursive: true, force: true });
    await removeWorktree(repo, path, force);
  }

  private async removeBranch(session: Session, repo: string, isConfirmed: boolean): Promise<DeleteResult> {
    const branch = session.branch;
    // A setup stopped before its worktree was made leaves no branch behind.
    if (!branch || !(await branchExists(repo, branch))) return { deletedBranch: null, keptBranch: null };
    const isMerged = session.baseBranch ? await isMergedInto(repo, branch, session.baseBranch) : false;
    // A branch the session did not create is only deleted when the user says so.
    const mayDelete = isConfirmed || (isMerged && session.kind === "worktree");
    if (!mayDelete) return { deletedBranch: null, keptBranch: branch };
    await deleteBranch(repo, branch, isConfirmed);
    return { deletedBranch: branch, keptBranch: null };
  }

  private async stopAll(id: SessionId): Promise<void> {
    const ids = this.deps.repos.conversations.list(id).filter((c) => c.status !== "idle" && c.status !== "exited").map((c) => c.id);
    if (ids.length > 0) await this.deps.stopConversations(ids);
  }

  /**
   * Writes the archived session's summary, or why there is none: a session never stays "being summarized" after the
   * attempt ended (only a stop leaves it, for the next start). With AI summaries off, no model is asked: the summary
   * is put together from what is stored.
   */
  private async summarize(session: Session): Promise<void> {
    let summary: string;
    try {
      const facts = await sessionFacts(this.deps, session);
      if (!this.deps.repos.settings.get().aiSummaries) summary = summaryFromFacts(facts);
      else {
        const answer = (await this.deps.oneShot(summaryPrompt(facts), { cwd: existsSync(session.cwd) ? session.cwd : process.cwd(), model: "haiku" })).trim().slice(0, 600);
        summary = answer || "No summary: the model answered with nothing.";
      }
    } catch (error) {
      if (this.isStopped) return;
      const reason = messageOf(error);
      console.warn(`[sessions] no summary for ${session.id}:`, reason);
      summary = `No summary could be written: ${reason.slice(0, 300)}`;
    }
    if (this.isStopped) return;
    const current = this.deps.repos.sessions.get(session.id);
    // Unarchived meanwhile: the summary of an archive that no longer holds is not shown.
    if (current && current.archivedAt !== null) patchSession(this.deps, session.id, { summary }, true);
  }
}

/** What a session's summary is written from: its name, its conversations' latest messages, and its changes. */
type SessionFacts = {
  name: string;
  branch: string | null;
  baseBranch: string | null;
  conversationCount: number;
  /** The five most recently active, each with the text of its latest messages, oldest first. */
  conversations: { title: string; messages: { role: string; text: string; createdAt: number }[] }[];
  /** `git diff --stat` against the base branch, when the session has one. */
  diffStat: string | null;
};

async function sessionFacts(deps: EntityDeps, session: Session): Promise<SessionFacts> {
  const all = deps.repos.conversations.list(session.id);
  const conversations = all.slice(0, 5).map((conversation) => ({
    title: conversation.title,
    messages: deps.repos.messages.list(conversation.id, { limit: 6 }).flatMap((m) => m.parts.flatMap((p) => (p.kind === "text" ? [{ role: m.role, text: p.text, createdAt: m.createdAt }] : []))),
  }));
  let diffStat: string | null = null;
  if (session.baseBranch && existsSync(session.cwd) && session.kind !== "folder") diffStat = (await diffAgainstBase(session.cwd, session.baseBranch, 0)).stat || null;
  return { name: session.title ?? session.name, branch: session.branch, baseBranch: session.baseBranch, conversationCount: all.length, conversations, diffStat };
}

/**
 * Why a delete without force is refused, and what to do: the files it would lose, named. A checkout cut short is said
 * to be one, as its files are not "uncommitted changes" the user made and could commit.
 */
function refusal(work: CheckoutWork): AppError {
  const count = work.paths.length;
  const list = work.paths.slice(0, 5).join(", ") + (count > 5 ? ` and ${count - 5} more` : "");
  if (work.unreadable) return new AppError("conflict", `git cannot read the worktree as a checkout (${work.unreadable}), and it holds ${plural(count, "file")} (${list}). Copy what you want to keep out of the folder, then delete anyway.`, { uncommitted: work.paths });
  if (!work.isCutShort) return new AppError("conflict", `The worktree has ${plural(count, "uncommitted change")} (${list}). Commit them, or delete anyway (they are lost).`, { uncommitted: work.paths });
  const files = count === 1 ? "1 file that is not from its commit" : `${count} files that are not from its commit`;
  return new AppError("conflict", `The worktree's checkout was cut short (ChatML or git stopped while making it), and it holds ${files} (${list}). Copy what you want to keep out of the folder, then delete anyway.`, { uncommitted: work.paths });
}

function summaryPrompt(facts: SessionFacts): string {
  const lines = [`${SUMMARY_MARKER} Summarize in one or two plain sentences what this coding session did and where it ended. Answer with the summary only.`];
  lines.push(`Session: ${facts.name}${facts.branch ? ` (branch ${facts.branch})` : ""}`);
  for (const conversation of facts.conversations) {
    lines.push(`\nConversation "${conversation.title}":`, ...conversation.messages.map((m) => `${m.role}: ${m.text.slice(0, 600)}`));
  }
  if (facts.diffStat) lines.push("\nChanges:", facts.diffStat.slice(0, 3000));
  return lines.join("\n");
}

/**
 * The summary of a session when no model may write it (AI summaries off): its conversations, its last answer and
 * its changes, said as such so nobody takes it for Claude's words.
 */
function summaryFromFacts(facts: SessionFacts): string {
  const parts = ["From what is stored (AI summaries are off):"];
  const titles = facts.conversations.map((c) => `“${c.title}”`);
  const latest = facts.conversationCount > titles.length ? ` (the latest ${titles.length})` : "";
  parts.push(titles.length === 0 ? "no conversation." : `${plural(facts.conversationCount, "conversation")}${latest}: ${titles.join(", ")}.`);
  const answers = facts.conversations.flatMap((c) => c.messages).filter((m) => m.role === "assistant");
  const lastAnswer = answers.reduce<(typeof answers)[number] | null>((latest, m) => (latest === null || m.createdAt >= latest.createdAt ? m : latest), null);
  if (lastAnswer) parts.push(`The last answer: “${oneLine(lastAnswer.text, 240)}”`);
  // git's --stat ends with the totals line ("3 files changed, 10 insertions(+), 2 deletions(-)").
  const totals = facts.diffStat?.trim().split("\n").at(-1)?.trim();
  if (totals) parts.push(`${facts.branch ? `Branch ${facts.branch}` : "Its changes"} against ${facts.baseBranch}: ${totals}.`);
  return parts.join(" ").slice(0, 600);
}

