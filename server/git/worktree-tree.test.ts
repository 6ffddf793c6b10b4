import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "./git.ts";
import { diffAgainstBase } from "./status.ts";
import { makeTempRepo } from "./test-support.ts";
import { worktreeTree } from "./worktree-tree.ts";

describe("worktreeTree", () => {
  it("sees a same-size edit whose stat matches the index entry, as git itself does (racily clean)", async () => {
    const repo = await makeTempRepo();
    // Whole-second mtimes and no ctime: what a coarse clock tick gives when a commit and an edit share it.
    await git(repo, ["config", "core.checkStat", "minimal"]);
    await git(repo, ["config", "core.trustctime", "false"]);
    const notes = join(repo, "notes.txt");
    const tick = new Date(Math.floor(Date.now() / 1000) * 1000 - 100_000);
    writeFileSync(notes, "one\n");
    utimesSync(notes, tick, tick);
    await git(repo, ["add", "notes.txt"]);
    await git(repo, ["commit", "--quiet", "-m", "one"]);
    writeFileSync(notes, "two\n");
    utimesSync(notes, tick, tick);
    utimesSync(join(repo, ".git", "index"), tick, tick);
    expect(await git(repo, ["diff", "--name-only"])).toBe("notes.txt");

    const tree = await worktreeTree(repo);

    expect(await git(repo, ["show", `${tree}:notes.txt`])).toBe("two");
    expect((await diffAgainstBase(repo, "HEAD", 100_000)).diff).toContain("+two");
  });
});
