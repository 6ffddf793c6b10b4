import { existsSync, realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Workspace } from "../../../shared/protocol/model.ts";
import { repoRoot } from "../../git/index.ts";

/** Resolves a path and checks it is an existing folder; `bad_request` with a clear message when not. */
export function requireDirectory(path: string): string {
  const absolute = resolve(path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch (error) {
    throw new AppError("bad_request", `${absolute} does not exist or cannot be read.`, { cause: String(error) });
  }
  if (!isDirectory) throw new AppError("bad_request", `${absolute} is not a folder.`);
  return absolute;
}

/** Whether `path` is the top folder of a git repository (not merely inside one). */
export async function isRepoTop(path: string): Promise<boolean> {
  const root = await repoRoot(path);
  return root !== null && realpathSync(root) === realpathSync(resolve(path));
}

/** What is wrong with a workspace's folder (moved away, no longer a repository), or null when it is fine. */
export async function workspaceProblem(workspace: Workspace): Promise<string | null> {
  if (!existsSync(workspace.path)) {
    return `The folder ${workspace.path} is gone (moved or deleted). Point the workspace at its new place, or remove it.`;
  }
  if (workspace.isGitRepo && !(await isRepoTop(workspace.path))) {
    return `${workspace.path} is no longer a git repository. Point the workspace at the repository, or remove it.`;
  }
  return null;
}
