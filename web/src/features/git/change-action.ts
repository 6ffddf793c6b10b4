/**
 * The `run` label of an action on a file of a list (a file's or a hunk's Stage/Unstage/Discard; null path: Stage all /
 * Unstage all): its failure shows under that row. At the panel's top, it was off screen for a file far down the list,
 * and pressing Stage there seemed to do nothing.
 */
export const changeAction = (isStaged: boolean, path: string | null) => `changes:${isStaged ? "staged" : "unstaged"}:${path === null ? "all" : `file:${path}`}`;
