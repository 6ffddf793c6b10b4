import type { ReviewComment, SessionId } from "../../../../shared/index.ts";
import { readStored, writeStored } from "../../lib/use-stored-text.ts";

/** What a draft was about: an edit of a comment, or a reply to it. */
export type DraftKind = "edit" | "reply";
const PREFIX: Record<DraftKind, string> = { edit: "chatml.review-comment-edit", reply: "chatml.review-reply" };

/** Where an edit's or a reply's words wait on this device until saved or cancelled (the diff unmounts cards scrolled away). */
export const draftKey = (kind: DraftKind, sessionId: SessionId, commentId: string) => `${PREFIX[kind]}.${sessionId}.${commentId}`;

/**
 * Words written on this device for a comment that another device deleted meanwhile: kept until the user posts,
 * copies or discards them. `lines` is where the comment was (unknown when it was gone before this page saw it).
 * `isUnattributed`: stored by an earlier ChatML under a key without its session, for a comment not in this session
 * (another session's, or deleted): shown in every session until its own session's list adopts it, or it is discarded.
 */
export type OrphanedDraft = { commentId: string; kind: DraftKind; words: string; lines: Pick<ReviewComment, "path" | "side" | "startLine" | "endLine"> | null; isUnattributed?: boolean };

const orphansKey = (sessionId: SessionId) => `chatml.review-orphans.${sessionId}`;

/** The session's orphaned drafts, as stored. */
export function readOrphans(sessionId: SessionId): OrphanedDraft[] {
  try {
    const stored: unknown = JSON.parse(readStored(orphansKey(sessionId)) ?? "[]");
    return Array.isArray(stored) ? (stored as OrphanedDraft[]) : [];
  } catch (error) {
    console.warn("chatml: stored review drafts ignored", error);
    return [];
  }
}

function writeOrphans(sessionId: SessionId, orphans: OrphanedDraft[]): void {
  writeStored(orphansKey(sessionId), orphans.length > 0 ? JSON.stringify(orphans) : null);
}

type StoredDraft = { key: string; kind: DraftKind; commentId: string };

/** Keys of this session's edit and reply drafts in storage, with what they are about. */
function storedDrafts(sessionId: SessionId): StoredDraft[] {
  return draftsUnder((kind) => `${PREFIX[kind]}.${sessionId}.`);
}

/** Drafts an earlier ChatML stored as `<prefix>.<commentId>`, before draft keys named the session (ADR 0066). */
function legacyDrafts(): StoredDraft[] {
  return draftsUnder((kind) => `${PREFIX[kind]}.`).filter((draft) => !draft.commentId.includes("."));
}

const legacyKey = (kind: DraftKind, commentId: string) => `${PREFIX[kind]}.${commentId}`;

function draftsUnder(prefixOf: (kind: DraftKind) => string): StoredDraft[] {
  const found: StoredDraft[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? "";
      for (const kind of ["edit", "reply"] as const) {
        const prefix = prefixOf(kind);
        if (key.startsWith(prefix)) found.push({ key, kind, commentId: key.slice(prefix.length) });
      }
    }
  } catch (error) {
    console.warn("chatml: storage unavailable", error);
  }
  return found;
}

/**
 * Moves drafts an earlier ChatML stored without their session to this session's keys when their comment is in its
 * list, before its cards read them. Words already under the new key win the key; the older ones are kept as an
 * orphan on the comment's lines, so neither is lost.
 */
export function adoptLegacyDrafts(sessionId: SessionId, comments: readonly ReviewComment[]): void {
  const orphans = readOrphans(sessionId);
  let hasNewOrphans = false;
  for (const { key, kind, commentId } of legacyDrafts()) {
    const comment = comments.find((c) => c.id === commentId);
    const words = readStored(key);
    if (!comment || words === null) continue;
    const current = readStored(draftKey(kind, sessionId, commentId));
    if (current === null) writeStored(draftKey(kind, sessionId, commentId), words);
    else if (current !== words && words.trim()) {
      orphans.push({ commentId, kind, words, lines: { path: comment.path, side: comment.side, startLine: comment.startLine, endLine: comment.endLine } });
      hasNewOrphans = true;
    }
    writeStored(key, null);
  }
  if (hasNewOrphans) writeOrphans(sessionId, orphans);
}

/** Drafts an earlier ChatML stored without their session and no session's list has adopted yet. */
function unattributedDrafts(): OrphanedDraft[] {
  return legacyDrafts().flatMap(({ key, kind, commentId }) => {
    const words = readStored(key);
    return words?.trim() ? [{ commentId, kind, words, lines: null, isUnattributed: true }] : [];
  });
}

/**
 * Moves the drafts of comments no longer in `comments` (deleted on another device while this one wrote) to the
 * session's orphaned drafts, where they are shown instead of vanishing with their card, and answers them all.
 * `before` (the list this page showed last) says where each deleted comment was.
 */
export function collectOrphans(sessionId: SessionId, comments: readonly ReviewComment[], before: readonly ReviewComment[]): OrphanedDraft[] {
  const live = new Set(comments.map((c) => c.id));
  const orphans = readOrphans(sessionId);
  const gone = storedDrafts(sessionId).filter((draft) => !live.has(draft.commentId));
  for (const { key, kind, commentId } of gone) {
    const words = readStored(key);
    writeStored(key, null);
    if (!words?.trim()) continue;
    const was = before.find((c) => c.id === commentId);
    orphans.push({ commentId, kind, words, lines: was ? { path: was.path, side: was.side, startLine: was.startLine, endLine: was.endLine } : null });
  }
  if (gone.length > 0) writeOrphans(sessionId, orphans);
  return [...orphans, ...unattributedDrafts()];
}

/** Forgets an orphaned draft (posted, or discarded by the user); answers what is left. */
export function dropOrphan(sessionId: SessionId, commentId: string, kind: DraftKind): OrphanedDraft[] {
  writeStored(legacyKey(kind, commentId), null);
  const left = readOrphans(sessionId).filter((o) => !(o.commentId === commentId && o.kind === kind));
  writeOrphans(sessionId, left);
  return [...left, ...unattributedDrafts()];
}

/** True when this device holds unsaved words for the comment (an edit of it, or a reply to it). */
export function hasDraft(sessionId: SessionId, commentId: string): boolean {
  return readStored(draftKey("edit", sessionId, commentId)) !== null || readStored(draftKey("reply", sessionId, commentId)) !== null;
}
