import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { git } from "../../git/git.ts";
import { recordSharedSnapshot, sharedSnapshot } from "../../git/shared-snapshot.ts";
import { readGitStatus } from "../../git/status.ts";
import { watchedRepoKit } from "../../git/watched-repo-kit.ts";
import { changedPaths } from "./changed-paths.ts";

/** A session's work tree: branch `work` committed branch.txt off main; the turn then edits README.md and adds new.txt. */
const kit = watchedRepoKit(async (repo) => {
  await git(repo, ["checkout", "--quiet", "-b", "work"]);
  writeFileSync(join(repo, "branch.txt"), "committed on the branch\n");
  await git(repo, ["add", "branch.txt"]);
  await git(repo, ["commit", "--quiet", "-m", "branch work"]);
});

/** A turn's work, then its end: the snapshot shared (ADR 0118) and the session's git refresh read against it. */
async function turnEndsAndRefreshes(): Promise<void> {
  await kit.watchAsTheSessionDoes();
  writeFileSync(join(kit.repo, "README.md"), "# changed by the turn\n");
  writeFileSync(join(kit.repo, "new.txt"), "added by the turn\n");
  await kit.eventFor("new.txt");
  await kit.eventFor("README.md");
  // Read once before the end, as the shared-snapshot tests do: the writes' last events are in by the time it answers.
  await readGitStatus(kit.repo, "main");
  await recordSharedSnapshot(kit.repo);
  await readGitStatus(kit.repo, "main");
  expect(await sharedSnapshot(kit.repo)).not.toBeNull();
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
  const ran = kit.traceGit();
  const paths = await changedPaths(kit.repo, "main");
  expect({ uncommitted: paths.uncommitted, sinceBase: [...paths.sinceBase].sort() }).toEqual(EXPECTED);
  const names = ran();
  expect(names.filter((name) => name === "write-tree" || name === "add" || name === "status")).toEqual([]);
  // `diff --raw` and `diff --numstat` since the fork point; the uncommitted pair was the refresh's.
  expect(names.filter((name) => name === "diff")).toHaveLength(2);
  // Asked again with nothing changed (a second device), nothing is diffed again.
  const again = kit.traceGit();
  expect(await changedPaths(kit.repo, "main")).toEqual(paths);
  expect(again().filter((name) => name === "diff" || name === "status" || name === "write-tree")).toEqual([]);
});

it("a file written after the turn's end shows in the Files tab's marks: the tree is recorded and diffed anew", async () => {
  await turnEndsAndRefreshes();
  writeFileSync(join(kit.repo, "late.txt"), "written after the turn ended\n");
  await kit.eventFor("late.txt");
  const ran = kit.traceGit();
  const paths = await changedPaths(kit.repo, "main");
  expect(paths.uncommitted).toEqual([EXPECTED.uncommitted[0], { path: "late.txt", status: "??" }, EXPECTED.uncommitted[1]]);
  expect([...paths.sinceBase].sort()).toEqual(["README.md", "branch.txt", "late.txt", "new.txt"]);
  expect(ran().filter((name) => name === "write-tree")).toHaveLength(1);
});
