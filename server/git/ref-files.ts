import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { runGit } from "./git.ts";

/** A file git rewrites when a ref moves: the folder to watch and the entry name whose change matters. */
export type RefFile = { dir: string; name: string };

/**
 * The files whose change means one of `branches` moved, locally or on origin after a fetch, or the stash list changed:
 * their loose ref files under the repository's common git dir (shared by all worktrees), `packed-refs`, and the stash's
 * ref and reflog (dropping a stash other than the newest rewrites only the reflog). Only folders that exist are answered.
 */
export async function refFilesOf(cwd: string, branches: readonly string[]): Promise<RefFile[]> {
  const result = await runGit(cwd, ["rev-parse", "--path-format=absolute", "--git-common-dir"]);
  if (result.code !== 0) return [];
  const common = result.stdout.trim();
  const refs = [...branches.flatMap((branch) => [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`]), "refs/stash", "logs/refs/stash"];
  const files = refs.map((ref) => {
    const path = join(common, ref);
    return { dir: dirname(path), name: path.slice(dirname(path).length + 1) };
  });
  return [...files, { dir: common, name: "packed-refs" }].filter((file) => existsSync(file.dir));
}
