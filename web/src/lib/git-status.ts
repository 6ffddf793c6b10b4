import type { ChangedFile } from "../../../shared/index.ts";

/**
 * git's one-letter file states, as the Changes, Files and Git panels show them, in words (and the tree's dot: see
 * COMMITTED_MARK). One meaning per letter everywhere: "?" is untracked and "U" a conflict (git's "unmerged").
 */
export const STATUS_NAMES: Record<string, string> = {
  M: "modified",
  A: "added",
  D: "deleted",
  R: "renamed",
  C: "copied",
  T: "type changed",
  U: "conflict",
  "?": "untracked",
  "•": "changed on this branch",
};

const CHANGE_LETTERS: Record<ChangedFile["change"], string> = { added: "A", modified: "M", deleted: "D", renamed: "R", copied: "C", "type-changed": "T" };

/**
 * The letter of a file in the Changes list: a new untracked file is "?" as in the Git panel (its "U" read as a
 * conflict). A file moved and not yet added is a rename there (and in the server's status): "R", not "?" over "renamed
 * from".
 */
export function changeLetter(file: Pick<ChangedFile, "change" | "isUntracked">): string {
  return file.isUntracked && file.change === "added" ? "?" : CHANGE_LETTERS[file.change];
}
