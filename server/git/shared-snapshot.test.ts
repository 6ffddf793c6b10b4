import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { git } from "./git.ts";
import { recordSharedSnapshot, sharedSnapshot, watchingWorktree } from "./shared-snapshot.ts";
import { readGitStatus } from "./status.ts";
import { makeTempRepo } from "./test-support.ts";
import { watchWorktree, type WorktreeWatch } from "./worktree-watch.ts";

let repo: string;
let traceDir: string;
let watch: { shared: ReturnType<typeof watchingWorktree>; tree: WorktreeWatch; seen: string[]; waiters: (() => void)[] } | null = null;

beforeEach(async () => {
  repo = await makeTempRepo();
  traceDir = mkdtempSync(join(tmpdir(), "chatml-trace-"));
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

it("a refresh right after a turn's end records no tree again and lists no stashes again, and shows the turn's work", async () => {
  await watchAsTheSessionDoes();
  writeFileSync(join(repo, "README.md"), "# changed by the turn\n");
  await eventFor("README.md");
  await readGitStatus(repo, null);
  const taken = await recordSharedSnapshot(repo);
  expect(await sharedSnapshot(repo)).toBe(taken);
  const ran = traceGit();
  const status = await readGitStatus(repo, null);
  expect(status.files.map((f) => f.path)).toEqual(["README.md"]);
  expect(ran().filter((name) => name === "write-tree" || name === "add" || name === "stash list")).toEqual([]);
});

it("a file written after the turn's end but before the refresh still shows: the shared tree is dropped", async () => {
  await watchAsTheSessionDoes();
  await recordSharedSnapshot(repo);
  writeFileSync(join(repo, "late.txt"), "written after the turn ended\n");
  await eventFor("late.txt");
  expect(await sharedSnapshot(repo)).toBeNull();
  const ran = traceGit();
  const status = await readGitStatus(repo, null);
  expect(status.files.map((f) => f.path)).toEqual(["late.txt"]);
  expect(status.fileCount).toBe(1);
  expect(ran().filter((name) => name === "write-tree")).toHaveLength(1);
});

it("a work tree no watcher sees whole shares nothing: a change there could raise no event", async () => {
  await recordSharedSnapshot(repo);
  expect(await sharedSnapshot(repo)).toBeNull();
  const stopped = watchingWorktree(repo);
  stopped.stop();
  await recordSharedSnapshot(repo);
  expect(await sharedSnapshot(repo)).toBeNull();
});

it("the stash list is read again when a stash is made or dropped, and not while they stay as they are", async () => {
  const none = (await readGitStatus(repo, null)).stashes;
  let ran = traceGit();
  expect((await readGitStatus(repo, null)).stashes).toBe(none);
  expect(ran().filter((name) => name === "stash list")).toEqual([]);
  writeFileSync(join(repo, "README.md"), "# to stash\n");
  await git(repo, ["stash", "push", "--quiet"]);
  ran = traceGit();
  const one = (await readGitStatus(repo, null)).stashes;
  expect(one).not.toBe(none);
  expect(ran().filter((name) => name === "stash list")).toHaveLength(1);
  await git(repo, ["stash", "drop", "--quiet"]);
  expect((await readGitStatus(repo, null)).stashes).toBe(none);
});
