/** git's one-letter file states, as the Git panel and the file tree show them, in words. */
export const STATUS_NAMES: Record<string, string> = { M: "modified", A: "added", D: "deleted", R: "renamed", T: "type changed", U: "conflicted", "?": "untracked" };
