import { conflictHunks, markerLines } from "../../shared/conflict-hunks.ts";
import { runGit } from "./git.ts";

const LEFTOVER = ": leftover conflict marker";

/**
 * The staged files that still hold a conflict the stopped operation wrote, with the lines of its markers: marker
 * lines that it added (`git diff --cached --check`) and that belong to a whole conflict hunk of the staged file.
 */
export async function stagedConflictMarkers(cwd: string): Promise<{ path: string; line: number }[]> {
  const check = await runGit(cwd, ["diff", "--cached", "--check", "--no-color"]);
  if (!check.stdout.includes(LEFTOVER)) return [];
  const staged = await runGit(cwd, ["diff", "--cached", "--name-only", "-z", "--no-renames"]);
  const found: { path: string; line: number }[] = [];
  for (const path of staged.stdout.split("\0").filter(Boolean)) {
    const lines = flaggedLines(check.stdout, path);
    if (lines.size === 0) continue;
    const blob = await runGit(cwd, ["cat-file", "blob", `:${path}`]);
    const hunks = conflictHunks(blob.code === 0 ? blob.stdout : "").filter((h) => markerLines([h]).some((line) => lines.has(line)));
    found.push(...markerLines(hunks).map((line) => ({ path, line })));
  }
  return found;
}

/**
 * The lines `--check` flags in `path`. Its report names files as they are, unquoted and with no `-z`, so a name holding
 * a newline spans two lines of it: each staged name (read with `-z`) is looked for whole instead of splitting lines.
 */
function flaggedLines(report: string, path: string): Set<number> {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`(?:^|\\n)${escaped}:(\\d+)${LEFTOVER}(?=\\n|$)`, "g");
  return new Set([...report.matchAll(pattern)].map((match) => Number(match[1])));
}
