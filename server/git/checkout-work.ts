import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { runGit } from "./git.ts";
import { uncommittedPaths } from "./worktree.ts";

/**
 * What removing a worktree folder would lose. `isCutShort`: its checkout never finished (a crash or a kill during
 * `git worktree add`), so git's own status does not tell the user's work from the files not written yet. `unreadable`:
 * git's reason when it cannot read the folder as a checkout at all (then every file counts).
 */
export type CheckoutWork = { paths: string[]; isCutShort: boolean; unreadable?: string };

/**
 * The user's work in a worktree folder: its uncommitted changes. A checkout cut short has no index yet, and git then
 * lists every file of the commit as deleted and each one written as untracked, though none of it is anyone's work:
 * there only the files that are not the commit's own content count. A folder git never linked (no `.git` yet) or
 * cannot read (a link to nothing) holds work if it holds any file. Commits are not looked at: they are on the branch,
 * which removing the folder keeps.
 */
export async function checkoutWork(path: string): Promise<CheckoutWork> {
  const files = () => readdirSync(path).filter((name) => name !== ".git").sort();
  // Without its own `.git`, git would read the folder as part of whatever repository holds it.
  if (!existsSync(join(path, ".git"))) return { paths: files(), isCutShort: true };
  const index = await runGit(path, ["rev-parse", "--path-format=absolute", "--git-path", "index"]);
  if (index.code !== 0) return { paths: files(), isCutShort: false, unreadable: index.stderr.trim().split("\n")[0] || `git exited with code ${index.code}` };
  if (existsSync(index.stdout.trim())) return { paths: await uncommittedPaths(path), isCutShort: false };
  return { paths: await notCommitContent(path), isCutShort: true };
}

/** The files on disk (ignored ones aside, as git status leaves them) whose content is not the same path's in HEAD. */
async function notCommitContent(path: string): Promise<string[]> {
  const onDisk = (await gitLines(path, ["ls-files", "-z", "--others", "--exclude-standard"])).filter(Boolean);
  if (onDisk.length === 0) return [];
  // "<mode> blob <sha>\t<path>" per file of the commit; an unborn or unreadable HEAD has none, so every file counts.
  const inHead = new Map((await gitLines(path, ["ls-tree", "-r", "-z", "HEAD"])).filter(Boolean).map((entry) => {
    const [meta = "", name = ""] = entry.split("\t");
    return [name, meta.split(" ")[2]] as const;
  }));
  // Hashed as `git add` would store them (the path's attributes and filters apply), one process for all.
  const hashes = await runGit(path, ["hash-object", "--stdin-paths"], { input: onDisk.join("\n") + "\n" });
  if (hashes.code !== 0) return onDisk;
  const shas = hashes.stdout.trim().split("\n");
  return onDisk.filter((name, i) => inHead.get(name) !== shas[i]);
}

async function gitLines(cwd: string, args: string[]): Promise<string[]> {
  const result = await runGit(cwd, args);
  return result.code === 0 ? result.stdout.split("\0") : [];
}
