import { existsSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Workspace } from "../../../shared/protocol/model.ts";
import { runGit } from "../../git/git.ts";
import { repoRoot } from "../../git/repo.ts";

/** An absolute path, with a leading `~` (as typed in a shell) meaning the home folder of the user running ChatML. */
export function absoluteFolder(path: string): string {
  return resolve(path === "~" || path.startsWith("~/") ? join(homedir(), path.slice(1)) : path);
}

/** Resolves a path and checks it is an existing folder; `bad_request` with a clear message when not. */
export function requireDirectory(path: string): string {
  const absolute = absoluteFolder(path);
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

/**
 * Why `path` (an existing folder) cannot be a workspace: a bare repository, a folder inside a repository or inside its
 * .git folder, or no repository at all; each with what to do instead.
 */
export async function whyNotRepoTop(path: string): Promise<string> {
  const root = await repoRoot(path);
  if (root !== null) return `${path} is inside the git repository ${root}, not its top folder. Add ${root} as the workspace, or start a conversation in ${path} directly (as a plain folder).`;
  const bare = await runGit(path, ["rev-parse", "--is-bare-repository"]);
  if (bare.code === 0 && bare.stdout.trim() === "true") return `${path} is a bare repository: it has no working files for Claude to work in. Add a clone of it (git clone ${path}) instead.`;
  // A repository's own .git folder (picked in the folder browser, or typed): "run git init there" was wrong advice.
  const holder = /^(.*?)\/\.git(?:\/|$)/.exec(path)?.[1];
  if (holder && (await isRepoTop(holder))) return `${path} is git's own folder of the repository ${holder}. Add ${holder} as the workspace.`;
  return `${path} is not a git repository. Run git init there first, or start a conversation there directly (as a plain folder).`;
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
