import { parseNumstatZ, type NumstatEntry } from "./diff-parse.ts";
import { runGit } from "./git.ts";

/**
 * How every diff a user reads asks git for renames: git's own default similarity (50 %), said explicitly so that a
 * repository's or user's `diff.renames = false` cannot make one view show a move as a file deleted plus one added
 * while the others show one rename. Reads that work path by path (status flags, index edits, snapshot restores) ask
 * with `--no-renames` and fold renames in with {@link foldRenames}.
 */
export const FIND_RENAMES = "--find-renames";

/** A file git's rename detection pairs with the path it came from, and the counts of the change between them. */
export type Rename = { oldPath: string; path: string; additions: number; deletions: number; isBinary: boolean };

/** The +/- counts of `git diff --numstat -z -M <args>` by path, and the renames among them. */
export async function countsWithRenames(cwd: string, args: string[]): Promise<{ counts: NumstatEntry[]; renames: Rename[] }> {
  const result = await runGit(cwd, ["diff", "--numstat", "-z", FIND_RENAMES, ...args]);
  const counts = result.code === 0 ? parseNumstatZ(result.stdout) : [];
  const renames = counts.flatMap((c) => (c.oldPath === null ? [] : [{ oldPath: c.oldPath, path: c.path, additions: c.additions ?? 0, deletions: c.deletions ?? 0, isBinary: c.additions === null }]));
  return { counts, renames };
}

/**
 * Folds each rename's two entries (the old path gone, the new one there) into one `R` entry at the new path with the
 * rename's counts, when `isPair` accepts their statuses; so a rename counts and shows as one file, as in the Changes
 * panel. Other entries stay as they are, in their order.
 */
export function foldRenames<T extends { path: string; status: string; additions: number; deletions: number }>(
  entries: T[],
  renames: Rename[],
  isPair: (gone: T, added: T) => boolean,
): (T & { oldPath: string | null })[] {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const folded = new Map<string, Rename>();
  for (const rename of renames) {
    const gone = byPath.get(rename.oldPath);
    const added = byPath.get(rename.path);
    if (gone && added && isPair(gone, added)) folded.set(rename.path, rename);
  }
  const oldPaths = new Set([...folded.values()].map((r) => r.oldPath));
  return entries
    .filter((e) => !oldPaths.has(e.path))
    .map((e) => {
      const rename = folded.get(e.path);
      return rename ? { ...e, status: "R", oldPath: rename.oldPath, additions: rename.additions, deletions: rename.deletions, ...("isBinary" in e ? { isBinary: rename.isBinary } : {}) } : { ...e, oldPath: null };
    });
}
