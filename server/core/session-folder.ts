import { existsSync } from "node:fs";
import { AppError } from "../../shared/protocol/errors.ts";

/** What a session shows, and what work that needs its folder is told, once the folder was deleted outside ChatML. */
export function folderGoneText(path: string): string {
  return `The folder ${path} is gone (deleted outside ChatML). Delete this session to clean up.`;
}

/** Refuses work that needs the folder `path` when it is gone (a conflict that says so and how to clean up). */
export function requireFolder(path: string): void {
  if (!existsSync(path)) throw new AppError("conflict", folderGoneText(path));
}

/**
 * Refuses git work in a session whose workspace is a plain folder. Git would otherwise look upwards: in a folder
 * inside some repository it would list, stage and commit that repository's files, outside the session's folder.
 */
export function requireGitRepo(workspace: { path: string; isGitRepo: boolean } | null): void {
  if (workspace && !workspace.isGitRepo) {
    throw new AppError("bad_request", `${workspace.path} is not a git repository (ChatML added it as a plain folder), so this session has no changes, commits or branches. Its files can still be opened and edited.`);
  }
}
