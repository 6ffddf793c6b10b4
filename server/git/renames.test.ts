import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { changedFilesBetween } from "./changes.ts";
import { listChanges } from "./changes-list.ts";
import { git } from "./git.ts";
import { diffForMessage } from "./commit-actions.ts";
import { readCommit } from "./history.ts";
import { applyHunk, readFileDiff } from "./index-actions.ts";
import { diffAgainstBase, readGitStatus } from "./status.ts";
import { commitFile, makeTempRepo } from "./test-support.ts";
import { headOrEmptyTree, worktreeTree } from "./worktree-tree.ts";

const repos: string[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) rmSync(repo, { recursive: true, force: true });
});

const LINES = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";

async function repoWithTwoFiles(): Promise<string> {
  const repo = await makeTempRepo();
  repos.push(repo);
  await commitFile(repo, "staged-old.txt", LINES);
  await commitFile(repo, "moved-old.txt", LINES.replace("line 1\n", "other 1\n"));
  return repo;
}

describe("a renamed file is one file everywhere: the header, the Git panel, the Changes panel, a commit", () => {
  it("a staged `git mv` (edited after) and a file moved by hand (not staged) count and show as one file each", async () => {
    const repo = await repoWithTwoFiles();
    await git(repo, ["mv", "staged-old.txt", "staged-new.txt"]);
    writeFileSync(join(repo, "staged-new.txt"), `${LINES}line 21\n`);
    renameSync(join(repo, "moved-old.txt"), join(repo, "moved-new.txt"));

    const header = (await readGitStatus(repo, "main")).files;
    expect(header.map((f) => [f.path, f.status]).sort()).toEqual([["moved-new.txt", "R"], ["staged-new.txt", "R"]]);
    expect(header.find((f) => f.path === "staged-new.txt")).toMatchObject({ additions: 1, deletions: 0 });

    const panel = await listChanges(repo);
    expect(panel.staged).toEqual([{ path: "staged-new.txt", oldPath: "staged-old.txt", status: "R", additions: 0, deletions: 0, isBinary: false }]);
    expect(panel.unstaged.map((f) => [f.path, f.oldPath, f.status]).sort()).toEqual([
      ["moved-new.txt", "moved-old.txt", "R"],
      ["staged-new.txt", null, "M"],
    ]);

    const changes = await changedFilesBetween(repo, await headOrEmptyTree(repo), await worktreeTree(repo));
    expect(changes).toHaveLength(header.length);

    await git(repo, ["add", "--all"]);
    await git(repo, ["commit", "--quiet", "-m", "move"]);
    const commit = await readCommit(repo, "HEAD");
    expect(commit.files.map((f) => [f.oldPath, f.path, f.status]).sort()).toEqual([
      ["moved-old.txt", "moved-new.txt", "R"],
      ["staged-old.txt", "staged-new.txt", "R"],
    ]);
  });

  it("a deleted file and an unrelated new one stay two files", async () => {
    const repo = await repoWithTwoFiles();
    rmSync(join(repo, "moved-old.txt"));
    writeFileSync(join(repo, "fresh.txt"), "nothing alike\n");
    expect((await readGitStatus(repo, "main")).files.map((f) => [f.path, f.status]).sort()).toEqual([["fresh.txt", "??"], ["moved-old.txt", "D"]]);
    expect((await listChanges(repo)).unstaged.map((f) => [f.path, f.status]).sort()).toEqual([["fresh.txt", "?"], ["moved-old.txt", "D"]]);
  });
});

describe("a small file renamed and edited is one rename in every diff read, whatever the user's diff.renames says", () => {
  const THREE_LINES = "one\ntwo\nthree\n";
  const EDITED = "one\nTWO\nthree\n";
  /** The patch names the move and carries the one edit, never the whole file deleted and added. */
  function expectOneRename(patch: string): void {
    expect(patch).toContain("rename from small.txt\nrename to renamed.txt\n");
    expect(patch).not.toContain("deleted file mode");
    expect(patch).not.toContain("new file mode");
    expect(patch.split("\n").filter((line) => /^[-+][^-+]/.test(line))).toEqual(["-two", "+TWO"]);
  }

  it("in a commit's patch, the message draft's diff (staged and not) and the diff against the base", async () => {
    const repo = await makeTempRepo();
    repos.push(repo);
    await commitFile(repo, "small.txt", THREE_LINES);
    await git(repo, ["config", "diff.renames", "false"]);
    await git(repo, ["checkout", "--quiet", "-b", "work"]);
    renameSync(join(repo, "small.txt"), join(repo, "renamed.txt"));
    writeFileSync(join(repo, "renamed.txt"), EDITED);
    await git(repo, ["add", "--all"]);
    expectOneRename((await diffForMessage(repo, 100_000)).diff);
    await git(repo, ["reset", "--quiet"]);
    await git(repo, ["add", "--intent-to-add", "renamed.txt"]);
    expectOneRename((await diffForMessage(repo, 100_000)).diff);
    expectOneRename((await diffAgainstBase(repo, "main", 100_000)).diff);

    await git(repo, ["add", "--all"]);
    await git(repo, ["commit", "--quiet", "-m", "rename"]);
    const commit = await readCommit(repo, "HEAD");
    expect(commit.files).toEqual([{ path: "renamed.txt", oldPath: "small.txt", status: "R", additions: 1, deletions: 1, isBinary: false }]);
    expectOneRename(commit.patch);
    expectOneRename((await diffAgainstBase(repo, "main", 100_000)).diff);
  });
});

describe("a renamed file whose names git quotes in a diff's header (accents, CJK, a quote, a backslash, a tab)", () => {
  it.each([["café.txt", "nové.txt"], ["日本.txt", "中文 名.txt"], ["plain.txt", 'say "hi".txt'], ["back\\slash.txt", "tab\there.txt"]])(
    "%j → %j diffs as the move plus its edit, whose hunk stages with the move",
    async (from, to) => {
      const repo = await makeTempRepo();
      repos.push(repo);
      await commitFile(repo, from, LINES);
      renameSync(join(repo, from), join(repo, to));
      writeFileSync(join(repo, to), LINES.replace("line 10\n", "line ten\n"));

      const unstaged = await readFileDiff(repo, to, false, from);
      expect(unstaged).toMatchObject({ oldPath: from, hunks: [{ index: 0 }] });
      expect(unstaged.hunks[0]?.lines.filter((line) => /^[-+]/.test(line))).toEqual(["-line 10", "+line ten"]);
      await applyHunk(repo, { path: to, oldPath: from, index: 0, header: unstaged.hunks[0]?.header ?? "" }, "stage");
      expect((await listChanges(repo)).staged).toEqual([{ path: to, oldPath: from, status: "R", additions: 1, deletions: 1, isBinary: false }]);
    },
  );
});
