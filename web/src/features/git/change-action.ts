/**
 * The `run` label of an action on a file of a list (a file's Stage/Unstage/Discard; null path: Stage all /
 * Unstage all): its failure shows under that row. At the panel's top, it was off screen for a file far down the list,
 * and pressing Stage there seemed to do nothing.
 */
export const changeAction = (isStaged: boolean, path: string | null) => `changes:${isStaged ? "staged" : "unstaged"}:${path === null ? "all" : `file:${path}`}`;

/** The `run` label of a hunk's (or its picked lines') action: its failure shows beside that hunk, not under the file's row. */
export const hunkAction = (isStaged: boolean, path: string, index: number) => `${changeAction(isStaged, path)}:hunk:${index}`;
