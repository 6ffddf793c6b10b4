import type { ConversationId } from "../../../shared/ids.ts";
import type { RewindPreview } from "../../../shared/protocol/checkpoints.ts";
import type { SnapshotChange } from "../../git/snapshot.ts";
import type { CheckpointRepo } from "../../persistence/checkpoint-repo.ts";

const NOTE_START = "[A note from ChatML, not typed by the user: since your last turn the user ";
const ELSEWHERE_REWIND = "rewound this folder's files in another conversation";
const ELSEWHERE_UNDO = "undid a rewind of this folder's files in another conversation: they are back as they were before that rewind";
const NAMED_FILES = 20;

/**
 * What Claude is owed about rewinds of its folder's files (ADR 0123, ADR 0128), stored as one note per conversation
 * made of lines: one per rewind (or undo) Claude was not told of yet, in the conversation itself or in another
 * conversation of the same folder.
 */
export class RewindNotes {
  constructor(
    private readonly repo: Pick<CheckpointRepo, "rewindNote" | "setRewindNote" | "clearRewindNote">,
    private readonly now: () => number,
  ) {}

  pending(conversationId: ConversationId): string | null {
    return this.repo.rewindNote(conversationId);
  }

  /** A message carried `text` to the CLI: that much is no longer owed; what a rewind added meanwhile still is. */
  delivered(conversationId: ConversationId, text: string): void {
    const note = this.repo.rewindNote(conversationId);
    if (note !== null && note !== text && note.startsWith(`${text}\n`)) this.store(conversationId, splitNote(note.slice(text.length + 1)));
    else this.repo.clearRewindNote(conversationId, text);
  }

  /**
   * A rewind in the conversation itself (ADR 0123): each rewind Claude was not told of yet keeps a line of its own, so
   * two rewinds before a message tell it of both. Undoing one of them drops its line (those files are back as Claude
   * knew them); undoing one it was told of owes it the undo. True when a note of the conversation's own is owed.
   */
  ownRewind(conversationId: ConversationId, label: string, changes: SnapshotChange[], isUndo: boolean): boolean {
    const lines = splitNote(this.repo.rewindNote(conversationId));
    const isOwed = (kept: string[]) => kept.some((line) => !isFromElsewhere(line));
    if (isUndo) {
      // An undo point is labelled `Before rewinding to "<label>"` (or, once a rewind was undone and redone, `Before
      // redoing the rewind to "<label>"`), and restores the files that rewind changed, the other way round
      // (`diffTrees` detects no renames): the rewind's line, if it is still owed.
      const rewoundTo = /^Before (?:rewinding to|redoing the rewind to) "([\s\S]*)"$/.exec(label)?.[1];
      const index = rewoundTo === undefined ? -1 : lines.lastIndexOf(rewindNoteText(rewoundTo, changes.map(inverted), false));
      if (index >= 0) {
        const kept = lines.toSpliced(index, 1);
        this.store(conversationId, kept);
        return isOwed(kept);
      }
    }
    if (changes.length === 0) return isOwed(lines);
    this.store(conversationId, [...lines, rewindNoteText(label, changes, isUndo)]);
    return true;
  }

  /**
   * A rewind in another conversation of the folder changed these files under this one's Claude. Undoing a rewind this
   * Claude was not told of yet drops that rewind's line (the files are back as it knew them); otherwise it is owed the undo.
   * True when a line was added.
   */
  rewindElsewhere(conversationId: ConversationId, changes: SnapshotChange[], isUndo: boolean): boolean {
    if (changes.length === 0) return false;
    const lines = splitNote(this.repo.rewindNote(conversationId));
    if (isUndo) {
      // The rewind being undone changed the same files the other way round (`diffTrees` detects no renames).
      const undone = changes.map(inverted);
      const candidates = [elsewhereNoteText(undone, false), elsewhereNoteText(undone, true)];
      const index = lines.findLastIndex((line) => candidates.includes(line));
      if (index >= 0) return (this.store(conversationId, lines.toSpliced(index, 1)), false);
    }
    this.store(conversationId, [...lines, elsewhereNoteText(changes, isUndo)]);
    return true;
  }

  private store(conversationId: ConversationId, lines: string[]): void {
    if (lines.length === 0) this.repo.clearRewindNote(conversationId);
    else this.repo.setRewindNote(conversationId, lines.join("\n"), this.now());
  }
}

/** What Claude is told (ahead of the user's next message) about a rewind of its folder's files in its own conversation. */
export function rewindNoteText(label: string, changes: SnapshotChange[], isUndo: boolean): string {
  const what = isUndo ? "undid a rewind of this folder's files: they are back as they were before that rewind" : `rewound this folder's files to how they were before the message "${label}"`;
  return noteText(what, changes);
}

/** What Claude is told about a rewind made in another conversation of its folder (ADR 0128). */
export function elsewhereNoteText(changes: SnapshotChange[], isUndo: boolean): string {
  return noteText(isUndo ? ELSEWHERE_UNDO : ELSEWHERE_REWIND, changes);
}

function noteText(what: string, changes: SnapshotChange[]): string {
  const named = changes.slice(0, NAMED_FILES).map((change) => `${change.path} (${describeChange(change).change})`).join(", ");
  const more = changes.length > NAMED_FILES ? ` and ${changes.length - NAMED_FILES} more` : "";
  return `${NOTE_START}${what}. Files changed: ${named}${more}. Read a file again before you edit it.]`;
}

/** From the current files' point of view: `D` (only now) is deleted, `A` (only in the checkpoint) comes back. */
export function describeChange(change: SnapshotChange): RewindPreview["files"][number] {
  return { path: change.path, change: change.status === "D" ? "deleted" : change.status === "A" ? "recreated" : "restored" };
}

function isFromElsewhere(line: string): boolean {
  return line.startsWith(NOTE_START + ELSEWHERE_REWIND) || line.startsWith(NOTE_START + ELSEWHERE_UNDO);
}

/** A note's lines: each starts a note of its own (a file name with a line break stays inside its line). */
function splitNote(note: string | null): string[] {
  return note === null ? [] : note.split(/\n(?=\[A note from ChatML, not typed by the user: )/);
}

function inverted(change: SnapshotChange): SnapshotChange {
  return { path: change.path, status: change.status === "A" ? "D" : change.status === "D" ? "A" : "M" };
}
