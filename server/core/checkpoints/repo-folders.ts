import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { topGitDirOf } from "../../git/repo.ts";

/** The file-system calls `RepoFolders` makes, passed in so a test can count them on a real folder. */
export type FolderProbes = { existsSync: (path: string) => boolean; statSync: typeof statSync };

/**
 * A folder's entries changed this recently may change again within the file system's timestamp granularity (up to 2 s
 * on FAT, a clock tick on Linux) without its mtime moving, so a "no repository" seen then is not remembered (git's
 * "racy" rule for its index, applied to a folder).
 */
const RACY_MS = 2_000;

/**
 * Whether a folder is in a git repository, asked before every turn (ADR 0015's file checkpoint) without spawning
 * `git rev-parse` each time (ADR 0041): a folder with no `.git` and no `HEAD` in it or any folder above cannot be in
 * one (that is how git finds a repository), which a few `stat`s tell; a folder git once placed in a repository is
 * remembered with its git dir while that git dir exists. So a `git init` (or a removed `.git`) counts from the next turn.
 * Only the top folder of a repository counts: a folder inside some other repository is a plain folder (ADR 0065).
 * A folder found plain is remembered with its stamp (ADR 0330): only a `.git` created in the folder itself can make it
 * a repository's top, and that moves the folder's mtime, so one `stat` of it stands for the walk up (or the `git` run).
 */
export class RepoFolders {
  private readonly known = new Map<string, string>();
  /** Folders found plain, with the folder's stamp at the time. */
  private readonly plain = new Map<string, string>();

  constructor(
    private readonly probes: FolderProbes = { existsSync, statSync },
    private readonly env: Record<string, string | undefined> = process.env,
    private readonly now: () => number = Date.now,
  ) {}

  /** The folder's git dir, or null when it is not the top folder of a repository. */
  async gitDirOf(cwd: string): Promise<string | null> {
    const remembered = this.known.get(cwd);
    if (remembered !== undefined && this.probes.existsSync(remembered)) return remembered;
    this.known.delete(cwd);
    // Stamped before looking, so a `.git` made while git looks moves the stamp away from the one remembered.
    const stamp = this.stampOf(cwd);
    if (stamp !== null && this.plain.get(cwd) === stamp) return null;
    this.plain.delete(cwd);
    const gitDir = mayBeInRepository(cwd, this.env, this.probes.existsSync) ? await topGitDirOf(cwd) : null;
    if (gitDir) this.known.set(cwd, gitDir);
    else if (stamp !== null && !this.probes.existsSync(join(cwd, ".git"))) this.plain.set(cwd, stamp);
    return gitDir;
  }

  /**
   * What changes when an entry is created in, removed from or renamed in the folder (or the folder is replaced); null
   * when a "plain" answer must not be remembered: the folder is missing, changed within RACY_MS, or the environment
   * names a git dir (whose repository changes without the folder). A `.git` that is there but no repository (an empty
   * folder, a `git init` half done) is never remembered either (above): it can become one without the folder changing.
   */
  private stampOf(cwd: string): string | null {
    if (this.env["GIT_DIR"] || this.env["GIT_WORK_TREE"]) return null;
    const stat = this.probes.statSync(cwd, { bigint: true, throwIfNoEntry: false });
    if (!stat?.isDirectory() || this.now() - Number(stat.mtimeMs) < RACY_MS) return null;
    return `${stat.dev}:${stat.ino}:${stat.mtimeNs}`;
  }
}

/**
 * False only when git cannot find a repository from `cwd`: no `.git` (folder or file) and no `HEAD` (a bare repository
 * or a git dir itself) in it or above, and no `GIT_DIR` in the environment. True means "ask git".
 */
export function mayBeInRepository(cwd: string, env: Record<string, string | undefined> = process.env, exists: (path: string) => boolean = existsSync): boolean {
  if (env["GIT_DIR"] || env["GIT_WORK_TREE"]) return true;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (exists(join(dir, ".git")) || exists(join(dir, "HEAD"))) return true;
    if (dirname(dir) === dir) return false;
  }
}
