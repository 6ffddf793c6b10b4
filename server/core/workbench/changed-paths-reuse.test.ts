import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { git } from "../../git/git.ts";
import { recordSharedSnapshot, sharedSnapshot, watchingWorktree } from "../../git/shared-snapshot.ts";
import { readGitStatus } from "../../git/status.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { watchWorktree, type WorktreeWatch } from "../../git/worktree-watch.ts";
import { changedPaths } from "./changed-paths.ts";

let repo: string;
let traceDir: string;
let watch: { shared: ReturnType<typeof watchingWorktree>; tree: WorktreeWatch; seen: string[]; waiters: (() => void)[] } | null = null;

/** A session's work tree: branch `work` committed branch.txt off main; the turn then edits README.md and adds new.txt. */
beforeEach(async () => {
  repo = await makeTempRepo();
  traceDir = mkdtempSync(join(tmpdir(), "chatml-trace-"));
  await git(repo, ["checkout", "--quiet", "-b", "work"]);
  writeFileSync(join(repo, "branch.txt"), "committed on the branch\n");
  await git(repo, ["add", "branch.txt"]);
  await git(repo, ["commit", "--quiet", "-m", "branch work"]);
});
afterEach(() => {
  delete process.env.GIT_TRACE;
  watch?.shared.stop();
  watch?.tree.close();
  watch = null;
  rmSync(repo, { recursive: true, force: true });
  rmSync(traceDir, { recursive: true, force: true });
});

/** Watches the work tree as the session's git watcher does: every file event says the tree changed. */
async function watchAsTheSessionDoes(): Promise<void> {
  const shared = watchingWorktree(repo);
  const seen: string[] = [];
  const waiters: (() => void)[] = [];
  const tree = await watchWorktree(repo, (path) => {
    shared.changed();
    seen.push(path);
    for (const wake of waiters.splice(0)) wake();
  });
  watch = { shared, tree, seen, waiters };
}

/** Resolves once the watcher has reported `path` (the event, not a delay, is what is waited for). */
async function eventFor(path: string): Promise<void> {
  while (!watch?.seen.includes(path)) await new Promise<void>((wake) => watch?.waiters.push(wake));
}

/** The git commands run from now on (git's own trace, so every process counts), by name. */
function traceGit(): () => string[] {
  const file = join(traceDir, `trace-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(file, "");
  process.env.GIT_TRACE = file;
  return () => [...readFileSync(file, "utf8").matchAll(/built-in: git ([\w-]+(?: list)?)/g)].map((match) => match[1] ?? "");
}

/** A turn's work, then its end: the snapshot shared (ADR 0118) and the session's git refresh read against it. */
async function turnEndsAndRefreshes(): Promise<void> {
  await watchAsTheSessionDoes();
  writeFileSync(join(repo, "README.md"), "# changed by the turn\n");
  writeFileSync(join(repo, "new.txt"), "added by the turn\n");
  await eventFor("new.txt");
  await eventFor("README.md");
  // Read once before the end, as the shared-snapshot tests do: the writes' last events are in by the time it answers.
  await readGitStatus(repo, "main");
  await recordSharedSnapshot(repo);
  await readGitStatus(repo, "main");
  expect(await sharedSnapshot(repo)).not.toBeNull();
}

const EXPECTED = {
  uncommitted: [
    { path: "README.md", status: "M" },
    { path: "new.txt", status: "??" },
  ],
  sinceBase: ["README.md", "branch.txt", "new.txt"],
};

it("the Files tab's marks after a turn take its end's tree and the refresh's uncommitted diff and status: only the diff since the base runs", async () => {
  await turnEndsAndRefreshes();
  const ran = traceGit();
  const paths = await changedPaths(repo, "main");
  expect({ uncommitted: paths.uncommitted, sinceBase: [...paths.sinceBase].sort() }).toEqual(EXPECTED);
  const names = ran();
  expect(names.filter((name) => name === "write-tree" || name === "add" || name === "status")).toEqual([]);
  // `diff --raw` and `diff --numstat` since the fork point; the uncommitted pair was the refresh's.
  expect(names.filter((name) => name === "diff")).toHaveLength(2);
  // Asked again with nothing changed (a second device), nothing is diffed again.
  const again = traceGit();
  expect(await changedPaths(repo, "main")).toEqual(paths);
  expect(again().filter((name) => name === "diff" || name === "status" || name === "write-tree")).toEqual([]);
});

it("a file written after the turn's end shows in the Files tab's marks: the tree is recorded and diffed anew", async () => {
  await turnEndsAndRefreshes();
  writeFileSync(join(repo, "late.txt"), "written after the turn ended\n");
  await eventFor("late.txt");
  const ran = traceGit();
  const paths = await changedPaths(repo, "main");
  expect(paths.uncommitted).toEqual([EXPECTED.uncommitted[0], { path: "late.txt", status: "??" }, EXPECTED.uncommitted[1]]);
  expect([...paths.sinceBase].sort()).toEqual(["README.md", "branch.txt", "late.txt", "new.txt"]);
  expect(ran().filter((name) => name === "write-tree")).toHaveLength(1);
});
