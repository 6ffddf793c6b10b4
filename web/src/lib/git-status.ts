/** git's one-letter file states, as the Git panel and the file tree show them, in words (and the tree's dot: see COMMITTED_MARK). */
export const STATUS_NAMES: Record<string, string> = { M: "modified", A: "added", D: "deleted", R: "renamed", T: "type changed", U: "conflicted", "?": "untracked", "•": "changed on this branch" };
