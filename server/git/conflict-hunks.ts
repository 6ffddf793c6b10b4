import { conflictHunks, markerLines } from "../../shared/conflict-hunks.ts";
import { runGit } from "./git.ts";

/**
 * The staged files that still hold a conflict the stopped operation wrote, with the lines of its markers: marker
 * lines that it added (`git diff --cached --check`) and that belong to a whole conflict hunk of the staged file.
 */
export async function stagedConflictMarkers(cwd: string): Promise<{ path: string; line: number }[]> {
  const check = await runGit(cwd, ["diff", "--cached", "--check", "--no-color"]);
  const flagged = new Map<string, Set<number>>();
  for (const [, path, line] of check.stdout.matchAll(/^(.+):(\d+): leftover conflict marker$/gm)) {
    flagged.set(path as string, (flagged.get(path as string) ?? new Set()).add(Number(line)));
  }
  const found: { path: string; line: number }[] = [];
  for (const [path, lines] of flagged) {
    const staged = await runGit(cwd, ["cat-file", "blob", `:${path}`]);
    const hunks = conflictHunks(staged.code === 0 ? staged.stdout : "").filter((h) => markerLines([h]).some((line) => lines.has(line)));
    found.push(...markerLines(hunks).map((line) => ({ path, line })));
  }
  return found;
}
