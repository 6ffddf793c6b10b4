import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "./git.ts";
import { diffAgainstBase } from "./status.ts";
import { makeTempRepo } from "./test-support.ts";
import { indexPathOf, worktreeTree } from "./worktree-tree.ts";

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

  it("asks git for a work tree's index once, and again when the folder becomes another repository's work tree", async () => {
    const [first, second] = [await makeTempRepo(), await makeTempRepo()];
    const linked = join(mkdtempSync(join(tmpdir(), "chatml-linked-")), "work");
    await git(first, ["worktree", "add", "--quiet", "-b", "one", linked]);
    const firstIndex = await indexPathOf(linked);
    expect(firstIndex).toMatch(new RegExp(`^${first}/\\.git/worktrees/[^/]+/index$`));
    expect(await indexPathOf(linked)).toBe(firstIndex);

    await git(first, ["worktree", "remove", "--force", linked]);
    await git(second, ["worktree", "add", "--quiet", "-b", "two", linked]);
    expect(await indexPathOf(linked)).toMatch(new RegExp(`^${second}/\\.git/worktrees/[^/]+/index$`));
    writeFileSync(join(linked, "notes.txt"), "in the second\n");
    expect(await git(linked, ["show", `${await worktreeTree(linked)}:notes.txt`])).toBe("in the second");
  });
});
