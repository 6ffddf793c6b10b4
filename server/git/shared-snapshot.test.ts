import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { git } from "./git.ts";
import { recordSharedSnapshot, sharedSnapshot, watchingWorktree } from "./shared-snapshot.ts";
import { readGitStatus } from "./status.ts";
import { watchedRepoKit } from "./watched-repo-kit.ts";

const kit = watchedRepoKit();

it("a refresh right after a turn's end records no tree again and lists no stashes again, and shows the turn's work", async () => {
  await kit.watchAsTheSessionDoes();
  writeFileSync(join(kit.repo, "README.md"), "# changed by the turn\n");
  await kit.eventFor("README.md");
  await readGitStatus(kit.repo, null);
  const taken = await recordSharedSnapshot(kit.repo);
  expect(await sharedSnapshot(kit.repo)).toBe(taken);
  const ran = kit.traceGit();
  const status = await readGitStatus(kit.repo, null);
  expect(status.files.map((f) => f.path)).toEqual(["README.md"]);
  expect(ran().filter((name) => name === "write-tree" || name === "add" || name === "stash list")).toEqual([]);
});

it("a file written after the turn's end but before the refresh still shows: the shared tree is dropped", async () => {
  await kit.watchAsTheSessionDoes();
  await recordSharedSnapshot(kit.repo);
  writeFileSync(join(kit.repo, "late.txt"), "written after the turn ended\n");
  await kit.eventFor("late.txt");
  expect(await sharedSnapshot(kit.repo)).toBeNull();
  const ran = kit.traceGit();
  const status = await readGitStatus(kit.repo, null);
  expect(status.files.map((f) => f.path)).toEqual(["late.txt"]);
  expect(status.fileCount).toBe(1);
  expect(ran().filter((name) => name === "write-tree")).toHaveLength(1);
});

it("a work tree no watcher sees whole shares nothing: a change there could raise no event", async () => {
  await recordSharedSnapshot(kit.repo);
  expect(await sharedSnapshot(kit.repo)).toBeNull();
  const stopped = watchingWorktree(kit.repo);
  stopped.stop();
  await recordSharedSnapshot(kit.repo);
  expect(await sharedSnapshot(kit.repo)).toBeNull();
});

it("the stash list is read again when a stash is made or dropped, and not while they stay as they are", async () => {
  const none = (await readGitStatus(kit.repo, null)).stashes;
  let ran = kit.traceGit();
  expect((await readGitStatus(kit.repo, null)).stashes).toBe(none);
  expect(ran().filter((name) => name === "stash list")).toEqual([]);
  writeFileSync(join(kit.repo, "README.md"), "# to stash\n");
  await git(kit.repo, ["stash", "push", "--quiet"]);
  ran = kit.traceGit();
  const one = (await readGitStatus(kit.repo, null)).stashes;
  expect(one).not.toBe(none);
  expect(ran().filter((name) => name === "stash list")).toHaveLength(1);
  await git(kit.repo, ["stash", "drop", "--quiet"]);
  expect((await readGitStatus(kit.repo, null)).stashes).toBe(none);
});
