import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "./index.ts";
import { commitFile, makeTempRepo } from "./test-support.ts";
import { uncommittedPaths } from "./worktree.ts";

let repo: string;
beforeEach(async () => {
  repo = await makeTempRepo();
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe("uncommittedPaths", () => {
  it("names a staged rename by its whole old and new paths, beside edits and new files", async () => {
    await commitFile(repo, "notes.txt", "notes\n");
    await git(repo, ["mv", "notes.txt", "renamed-notes.txt"]);
    writeFileSync(join(repo, "README.md"), "# edited\n");
    writeFileSync(join(repo, "new.txt"), "new\n");
    expect((await uncommittedPaths(repo)).sort()).toEqual(["README.md", "new.txt", "notes.txt", "renamed-notes.txt"]);
  });

  it("names a path once when it is both staged as deleted and untracked on disk", async () => {
    await commitFile(repo, "kept-on-disk.txt", "x\n");
    await git(repo, ["rm", "--cached", "--quiet", "kept-on-disk.txt"]);
    expect(await uncommittedPaths(repo)).toEqual(["kept-on-disk.txt"]);
  });

  it("is empty for a clean worktree", async () => {
    expect(await uncommittedPaths(repo)).toEqual([]);
  });
});
