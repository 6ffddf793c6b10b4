import { WORKING_STATUSES } from "../../../shared/protocol/model.ts";
import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Checkpoint, CheckpointListing, RewindPreview } from "../../../shared/protocol/checkpoints.ts";
import { addedInEach, diffTrees, headMoveBetween, patchBetween, pinSnapshot, removeSnapshotRefs, restoreTree, snapshotWorktree, type SnapshotChange } from "../../git/snapshot.ts";
import type { Repositories, StoredCheckpoint } from "../../persistence/repositories.ts";
import { KeyedQueue } from "../../lib/keyed-queue.ts";
import type { EventBus } from "../event-bus.ts";
import { RepoFolders } from "./repo-folders.ts";
import { describeChange as describe, RewindNotes } from "./rewind-notes.ts";
import { TurnGaps, type LastTurn } from "./turn-gaps.ts";

export type CheckpointServiceDeps = {
  repos: Pick<Repositories, "checkpoints" | "conversations" | "sessions" | "events">;
  bus: EventBus;
  now: () => number;
  /** A rewind changed the files of the session's folder: its git state (the Changes panel) is read again. */
  onFilesRewound?: (sessionId: SessionId) => void;
  /** The work tree at the end of a session's latest turn (the workbench's, ADR 0114): null when none ran, end null when cut. */
  lastTurn?: LastTurn;
};

/**
 * The label of the point a rewind saves, named by what the rewind does, so every row and notice says which rewind it
 * is about: before rewinding to a message's checkpoint; before undoing that rewind (rewinding to the point it saved);
 * before redoing it (rewinding to the point the undo saved), and so on, undo and redo by turns.
 */
export function undoPointLabel(target: { kind: Checkpoint["kind"]; label: string }): string {
  if (target.kind !== "before-rewind") return `Before rewinding to "${target.label}"`;
  const rewind = /^Before (?:rewinding to|undoing the rewind to|redoing the rewind to) ("[\s\S]*")$/.exec(target.label)?.[1];
  const isUndoing = !target.label.startsWith("Before undoing");
  // Points saved by versions before this one said "Before undoing a rewind", naming none.
  if (rewind === undefined) return isUndoing ? "Before undoing a rewind" : "Before redoing a rewind";
  return isUndoing ? `Before undoing the rewind to ${rewind}` : `Before redoing the rewind to ${rewind}`;
}

/** A point saved before an undo: the undo is done, so it is offered as no "Undo rewind" of its own. */
const isBeforeUndoing = (label: string) => label.startsWith("Before undoing");

/**
 * A turn's checkpoint, with the work tree it took as the workbench records a turn's start too (ADR 0114), so that
 * the turn's start need not be taken twice; null when they differ (large untracked files, which only checkpoints hold).
 */
export type TurnCheckpoint = Checkpoint & { workTree: string | null };

/**
 * File checkpoints (ADR 0015): a git tree of the session's work tree, untracked files included, taken before every
 * user turn. A rewind restores the files of one, after saving the current state as an undo point, and never while a
 * turn is running in the folder (in any of its conversations: they share the files).
 */
export class CheckpointService {
  private readonly folders = new RepoFolders();
  /** Per folder, its rewinds and turn checkpoints one at a time: a turn never starts while its files are being rewound. */
  private readonly folderQueue = new KeyedQueue();
  private readonly notes: RewindNotes;
  private readonly gaps: TurnGaps;

  constructor(private readonly deps: CheckpointServiceDeps) {
    this.notes = new RewindNotes(deps.repos.checkpoints, deps.now);
    this.gaps = new TurnGaps({ bus: deps.bus, lastTurn: deps.lastTurn, placeOf: (id) => this.placeOf(id) });
  }

  /** Follows the folder's turns on the bus, to know the gaps between them (ADR 0252); answers the unsubscribe. */
  watchTurns(): () => void {
    return this.gaps.watch();
  }

  /** Snapshots the conversation's folder before a turn; a folder that is not a git repository is skipped. */
  async captureTurn(conversationId: ConversationId, messageId: string, text: string): Promise<TurnCheckpoint | null> {
    const cwd = this.cwdOf(conversationId);
    return this.folderQueue.run(cwd, async () => {
      if (!(await this.folders.gitDirOf(cwd))) return null;
      const label = text.trim().split("\n")[0]?.slice(0, 80) || "(image)";
      const { hasLargeUntracked, ...checkpoint } = await this.capture(conversationId, cwd, "turn", messageId, label);
      return { ...publicCheckpoint(checkpoint), workTree: hasLargeUntracked ? null : checkpoint.treeSha };
    });
  }

  list(conversationId: ConversationId): Omit<CheckpointListing, "isGitFolder"> {
    const stored = this.deps.repos.checkpoints.list(conversationId);
    return { checkpoints: stored.map(publicCheckpoint), undo: this.undoOffer(conversationId, stored.at(-1)) };
  }

  /** The list, and whether the folder takes checkpoints: in a plain folder none ever come, which the user is told. */
  async listing(conversationId: ConversationId): Promise<CheckpointListing> {
    const listed = this.list(conversationId);
    return { ...listed, isGitFolder: (await this.folders.gitDirOf(this.cwdOf(conversationId))) !== null };
  }

  /**
   * The point to offer as "Undo rewind" (ADR 0138): the conversation's newest checkpoint when a rewind saved it and it
   * is still the folder's newest — a message in any conversation of the folder, or another rewind, takes a newer one
   * and ends the offer. A point saved before undoing is no offer either: the undo is done (one saved before a redo is:
   * the redo can be undone).
   */
  private undoOffer(conversationId: ConversationId, newest: StoredCheckpoint | undefined): Checkpoint | null {
    if (!newest || newest.kind !== "before-rewind" || isBeforeUndoing(newest.label)) return null;
    const cwd = this.cwdOf(conversationId);
    const isNewerElsewhere = this.conversationsInFolder(cwd).some((other) => {
      const theirs = other === conversationId ? undefined : this.deps.repos.checkpoints.list(other).at(-1);
      return theirs !== undefined && theirs.createdAt >= newest.createdAt;
    });
    return isNewerElsewhere ? null : publicCheckpoint(newest);
  }

  /** What rewinding to `checkpointId` would change in the folder now. */
  async preview(conversationId: ConversationId, checkpointId: string): Promise<RewindPreview> {
    const checkpoint = this.checkpoint(conversationId, checkpointId);
    const cwd = this.cwdOf(conversationId);
    const now = await snapshotWorktree(cwd);
    await pinSnapshot(cwd, `preview-${conversationId}`, now.treeSha);
    const changes = await diffTrees(cwd, now.treeSha, checkpoint.treeSha);
    const { patch, isTruncated } = await patchBetween(cwd, now.treeSha, checkpoint.treeSha);
    const headMove = await headMoveBetween(cwd, checkpoint.headSha, now.headSha);
    const byHand = await this.madeByHand(conversationId, cwd, checkpoint, now.treeSha, changes);
    const files = changes.map((change) => (byHand.has(change.path) ? { ...describe(change), isMadeAfterClaude: true } : describe(change)));
    return { checkpoint: publicCheckpoint(checkpoint), files, patch, isTruncated, headMove };
  }

  /**
   * The files a rewind would delete that were made by hand — between two of the folder's turns after the target, or
   * after the last one ended: the preview says so, or they read as Claude's work being undone. Only what is sure.
   */
  private async madeByHand(conversationId: ConversationId, cwd: string, target: StoredCheckpoint, nowTree: string, changes: SnapshotChange[]): Promise<Set<string>> {
    const deleted = changes.filter((change) => change.status === "D").map((change) => change.path);
    if (deleted.length === 0) return new Set();
    const [afterClaude, inGaps] = await Promise.all([this.madeAfterClaude(cwd, nowTree, deleted), this.madeInGaps(conversationId, cwd, target, deleted)]);
    return new Set([...afterClaude, ...inGaps]);
  }

  /**
   * The files of `deleted` that first appeared in a gap between two turns of the folder after `target` (ADR 0252):
   * absent from the tree the gap started from (the end of the folder's previous turn, none running since) and present
   * at the next turn's checkpoint. One git run asks every gap that changed files; a gap where nothing changed is not asked.
   */
  private async madeInGaps(conversationId: ConversationId, cwd: string, target: StoredCheckpoint, deleted: string[]): Promise<string[]> {
    const { checkpoints } = this.deps.repos;
    const own = checkpoints.list(conversationId);
    const later = [
      ...own.slice(own.findIndex((checkpoint) => checkpoint.id === target.id) + 1),
      ...this.conversationsInFolder(cwd)
        .filter((other) => other !== conversationId)
        .flatMap((other) => checkpoints.list(other))
        .filter((checkpoint) => checkpoint.createdAt > target.createdAt),
    ];
    const gaps = later.flatMap(({ kind, gapStartTree, treeSha }) => (kind === "turn" && gapStartTree !== null && gapStartTree !== treeSha ? [{ from: gapStartTree, to: treeSha }] : []));
    const inRewind = new Set(deleted);
    const added = await addedInEach(cwd, gaps);
    return added.flat().filter((path) => inRewind.has(path));
  }

  /** The files of `deleted` added after every Claude turn in the folder ended: none when a turn was cut or none ended. */
  private async madeAfterClaude(cwd: string, nowTree: string, deleted: string[]): Promise<Set<string>> {
    const { lastTurn } = this.deps;
    if (!lastTurn) return new Set();
    const turns = await Promise.all(this.deps.repos.sessions.list().filter((session) => session.cwd === cwd).map((session) => lastTurn(session.id)));
    const ended = turns.filter((turn) => turn !== null);
    if (ended.length === 0 || ended.some((turn) => turn.end === null)) return new Set();
    let made = new Set(deleted);
    for (const turn of ended) {
      const addedSince = new Set((await diffTrees(cwd, turn.end as string, nowTree)).filter((change) => change.status === "A").map((change) => change.path));
      made = new Set([...made].filter((path) => addedSince.has(path)));
    }
    return made;
  }

  /** Restores the files of a checkpoint; the state before is saved as a checkpoint of its own, so this can be undone. */
  async rewind(conversationId: ConversationId, checkpointId: string): Promise<{ undo: Checkpoint; files: RewindPreview["files"] }> {
    const target = this.checkpoint(conversationId, checkpointId);
    const cwd = this.cwdOf(conversationId);
    this.refuseWhileWorking(conversationId, cwd);
    return this.folderQueue.run(cwd, () => this.restore(conversationId, cwd, target));
  }

  private async restore(conversationId: ConversationId, cwd: string, target: StoredCheckpoint): Promise<{ undo: Checkpoint; files: RewindPreview["files"] }> {
    const { hasLargeUntracked: _large, ...undo } = await this.capture(conversationId, cwd, "before-rewind", null, undoPointLabel(target));
    const changes = await diffTrees(cwd, undo.treeSha, target.treeSha);
    // Again once the undo point is taken: a turn may have started while it was (its checkpoint waits for this rewind).
    this.refuseWhileWorking(conversationId, cwd);
    // The files it brings back were not made by hand in this gap: the next turn's checkpoint must not say so.
    this.gaps.unsure(cwd);
    await restoreTree(cwd, target.treeSha, changes);
    const sessionId = this.deps.repos.conversations.get(conversationId)?.sessionId;
    if (sessionId) this.deps.onFilesRewound?.(sessionId);
    const { toldHere, toldElsewhere } = this.oweClaudeANote(conversationId, cwd, target, changes);
    const elsewhere = toldElsewhere === 0 ? "" : ` Claude in ${toldElsewhere === 1 ? "the other conversation" : `the ${toldElsewhere} other conversations`} of this folder will be told with ${toldElsewhere === 1 ? "its" : "their"} next message.`;
    // An undo point's label already says "Before …": "rewound to before "Before rewinding to …"" read as a riddle.
    // The undo point's label quotes a message in straight quotes: curly ones around it keep the two apart.
    const what = target.kind === "before-rewind" ? `Files put back as they were ${target.label.replace(/^Before /, "before ")}` : `Files rewound to before "${target.label}"`;
    this.notice(conversationId, `${what} (${changes.length} ${changes.length === 1 ? "file" : "files"} changed). The previous state is saved: to undo, rewind to “${undo.label}” in Session controls.${toldHere ? " Claude will be told with your next message." : ""}${elsewhere}`);
    return { undo: publicCheckpoint(undo), files: changes.map(describe) };
  }

  /** The note Claude is owed about a rewind (ADR 0123), for the next message to carry; null when none is owed. */
  pendingNote(conversationId: ConversationId): string | null {
    return this.notes.pending(conversationId);
  }

  /** A message carried `text` to the CLI: it is no longer owed (what a rewind added meanwhile still is). */
  noteDelivered(conversationId: ConversationId, text: string): void {
    this.notes.delivered(conversationId, text);
  }

  /**
   * Claude still believes the files are as its last turn left them: after a rewind the next message tells it which
   * changed back, or it edits stale text and reports work that is gone — in this conversation (ADR 0123) and in every
   * other conversation of the folder that has had a turn (ADR 0128). Says whose Claude is owed a note.
   */
  private oweClaudeANote(conversationId: ConversationId, cwd: string, target: StoredCheckpoint, changes: SnapshotChange[]): { toldHere: boolean; toldElsewhere: number } {
    // Redoing a rewind (rewinding to the point its undo saved) rewinds to before its message again: Claude is told so.
    const redone = target.kind === "before-rewind" && isBeforeUndoing(target.label) ? (/^Before undoing the rewind to "([\s\S]*)"$/.exec(target.label)?.[1] ?? "a rewind undone before") : null;
    const isUndo = target.kind === "before-rewind" && redone === null;
    const others = changes.length === 0 ? [] : this.othersInFolder(conversationId, cwd);
    const toldElsewhere = others.filter((other) => this.notes.rewindElsewhere(other, changes, isUndo)).length;
    return { toldHere: this.notes.ownRewind(conversationId, redone ?? target.label, changes, isUndo), toldElsewhere };
  }

  /** The folder's other conversations whose Claude has seen its files (a turn's checkpoint says a turn began there). */
  private othersInFolder(conversationId: ConversationId, cwd: string): ConversationId[] {
    const { checkpoints } = this.deps.repos;
    return this.conversationsInFolder(cwd).filter((other) => other !== conversationId && checkpoints.list(other).some((checkpoint) => checkpoint.kind === "turn"));
  }

  /** Every conversation of every session working in `cwd` (they share its files). */
  private conversationsInFolder(cwd: string): ConversationId[] {
    const { sessions, conversations } = this.deps.repos;
    return sessions
      .list()
      .filter((session) => session.cwd === cwd)
      .flatMap((session) => conversations.list(session.id))
      .map((conversation) => conversation.id);
  }

  /**
   * Drops the git refs that keep a conversation's checkpoints (and its rewind preview) alive, so git can collect them;
   * called before the conversation is deleted. A folder that is gone or not a repository has none.
   */
  async forget(conversationId: ConversationId): Promise<void> {
    const cwd = this.cwdOf(conversationId);
    if (!(await this.folders.gitDirOf(cwd))) return;
    await removeSnapshotRefs(cwd, (name) => name.startsWith(`${conversationId}/`) || name === `preview-${conversationId}`);
  }

  /**
   * Refuses a rewind while Claude works in the folder: the conversation's own turn, or another conversation's in the
   * same folder (a session's conversations share its files), whose work the rewind would undo under it.
   */
  private refuseWhileWorking(conversationId: ConversationId, cwd: string): void {
    const { conversations, sessions } = this.deps.repos;
    const working = conversations.listActive().filter((c) => WORKING_STATUSES.has(c.status) && sessions.get(c.sessionId)?.cwd === cwd);
    const own = working.find((c) => c.id === conversationId);
    if (own) {
      throw new AppError("conflict", own.status === "waiting" ? "This conversation's turn waits for your answer: answer or stop it before rewinding files." : "Claude is working in this conversation: stop or finish the turn before rewinding files.");
    }
    const other = working[0];
    if (other) {
      // A turn waiting for the user's answer is still open (its work resumes once answered), but it is not "working".
      const what = other.status === "waiting" ? `"${other.title}", a conversation in the same folder, waits for your answer mid-turn: answer or stop it` : `Claude is working in "${other.title}", a conversation in the same folder: stop or finish its turn`;
      throw new AppError("conflict", `${what} before rewinding files (the rewind would undo its work under it).`);
    }
  }

  private async capture(conversationId: ConversationId, cwd: string, kind: Checkpoint["kind"], messageId: string | null, label: string): Promise<StoredCheckpoint & { hasLargeUntracked: boolean }> {
    const id = `chk_${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
    if (kind === "turn") await this.gaps.settled(cwd);
    const { treeSha, headSha, hasLargeUntracked } = await snapshotWorktree(cwd);
    // Read once the tree is taken: a turn started meanwhile made the gap unsure. The workbench's end trees leave large
    // untracked files out (ADR 0059), which would then read as made in the gap.
    const gapStartTree = kind === "turn" && !hasLargeUntracked ? this.gaps.gapStart(cwd) : null;
    // A turn that changed no file leaves the same tree, which an earlier checkpoint's ref already keeps (refs go only
    // with their whole conversation): two git runs saved on most turns of a conversation that only talks.
    if (!this.deps.repos.checkpoints.hasTree(conversationId, treeSha)) await pinSnapshot(cwd, `${conversationId}/${id}`, treeSha);
    // The gap's start is the workbench's, whose ref goes with the next turn: kept here when the gap changed files.
    if (gapStartTree !== null && gapStartTree !== treeSha && !this.deps.repos.checkpoints.hasTree(conversationId, gapStartTree)) await pinSnapshot(cwd, `${conversationId}/${id}-gap`, gapStartTree);
    const checkpoint: StoredCheckpoint = { id, conversationId, messageId, kind, label, createdAt: this.deps.now(), treeSha, headSha, gapStartTree };
    this.deps.repos.checkpoints.add(checkpoint);
    return { ...checkpoint, hasLargeUntracked };
  }

  private notice(conversationId: ConversationId, text: string): void {
    const [sequenced] = this.deps.repos.events.appendBatch(conversationId, [{ type: "notice", level: "info", text }], this.deps.now());
    if (sequenced) this.deps.bus.publish({ kind: "event", conversationId, sequenced });
  }

  private checkpoint(conversationId: ConversationId, checkpointId: string): StoredCheckpoint {
    const found = this.deps.repos.checkpoints.get(conversationId, checkpointId);
    if (!found) throw new AppError("not_found", `No checkpoint ${checkpointId} in this conversation.`);
    return found;
  }

  private cwdOf(conversationId: ConversationId): string {
    const place = this.placeOf(conversationId);
    if (!place) throw new AppError("not_found", `Conversation ${conversationId} does not exist.`);
    return place.cwd;
  }

  private placeOf(conversationId: ConversationId): { cwd: string; sessionId: SessionId } | null {
    const conversation = this.deps.repos.conversations.get(conversationId);
    const session = conversation ? this.deps.repos.sessions.get(conversation.sessionId) : null;
    return session ? { cwd: session.cwd, sessionId: session.id } : null;
  }
}

function publicCheckpoint({ treeSha: _tree, headSha: _head, gapStartTree: _gap, ...checkpoint }: StoredCheckpoint): Checkpoint {
  return checkpoint;
}
