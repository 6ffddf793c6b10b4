import { rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listChanges } from "./changes-list.ts";
import { git } from "./git.ts";
import { makeTempRepo } from "./test-support.ts";

describe("the Git panel's counts of an untracked symbolic link", () => {
  let repo: string;
  beforeEach(async () => {
    repo = await makeTempRepo();
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it("are git's once it is staged (one line, its target), not the lines of the file it points at", async () => {
    writeFileSync(join(repo, "notes.txt"), "one\ntwo\nthree\n");
    await git(repo, ["add", "notes.txt"]);
    await git(repo, ["commit", "--quiet", "-m", "notes"]);
    symlinkSync("notes.txt", join(repo, "link"));
    const untracked = (await listChanges(repo)).unstaged.find((file) => file.path === "link");
    await git(repo, ["add", "link"]);
    const staged = (await listChanges(repo)).staged.find((file) => file.path === "link");
    expect(staged).toMatchObject({ additions: 1, deletions: 0, isBinary: false });
    expect(untracked).toMatchObject({ status: "?", additions: staged?.additions, deletions: 0, isBinary: false });
  });
});
