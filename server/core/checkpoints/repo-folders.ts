import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { topGitDirOf } from "../../git/repo.ts";

/**
 * Whether a folder is in a git repository, asked before every turn (ADR 0015's file checkpoint) without spawning
 * `git rev-parse` each time (ADR 0041): a folder with no `.git` and no `HEAD` in it or any folder above cannot be in
 * one (that is how git finds a repository), which a few `stat`s tell; a folder git once placed in a repository is
 * remembered with its git dir while that git dir exists. So a `git init` (or a removed `.git`) counts from the next turn.
 * Only the top folder of a repository counts: a folder inside some other repository is a plain folder (ADR 0065).
 */
export class RepoFolders {
  private readonly known = new Map<string, string>();

  /** The folder's git dir, or null when it is not the top folder of a repository. */
  async gitDirOf(cwd: string): Promise<string | null> {
    const remembered = this.known.get(cwd);
    if (remembered !== undefined && existsSync(remembered)) return remembered;
    this.known.delete(cwd);
    if (!mayBeInRepository(cwd)) return null;
    const gitDir = await topGitDirOf(cwd);
    if (gitDir) this.known.set(cwd, gitDir);
    return gitDir;
  }
}

/**
 * False only when git cannot find a repository from `cwd`: no `.git` (folder or file) and no `HEAD` (a bare repository
 * or a git dir itself) in it or above, and no `GIT_DIR` in the environment. True means "ask git".
 */
export function mayBeInRepository(cwd: string, env: Record<string, string | undefined> = process.env): boolean {
  if (env["GIT_DIR"] || env["GIT_WORK_TREE"]) return true;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git")) || existsSync(join(dir, "HEAD"))) return true;
    if (dirname(dir) === dir) return false;
  }
}
