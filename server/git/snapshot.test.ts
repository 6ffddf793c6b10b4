import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runGit } from "./git.ts";
import { addedInEach, diffTrees, pinSnapshot, restoreTree, snapshotWorktree } from "./snapshot.ts";
import { makeTempRepo } from "./test-support.ts";

let repo: string;
beforeEach(async () => {
  repo = await makeTempRepo();
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe("worktree snapshots", () => {
  it("captures untracked files without touching the index, and restores them (deleting what is new)", async () => {
    writeFileSync(join(repo, "README.md"), "# changed\n");
    mkdirSync(join(repo, "src"));
    writeFileSync(join(repo, "src", "a.txt"), "a\n");
    const before = await snapshotWorktree(repo);
    await pinSnapshot(repo, "t/one", before.treeSha);
    expect((await runGit(repo, ["status", "--porcelain"])).stdout).toContain("?? src/");
    expect((await runGit(repo, ["show-ref", "refs/chatml/checkpoints/t/one"])).code).toBe(0);

    writeFileSync(join(repo, "README.md"), "# later\n");
    writeFileSync(join(repo, "new.txt"), "new\n");
    rmSync(join(repo, "src", "a.txt"));
    const now = await snapshotWorktree(repo);
    const changes = await diffTrees(repo, now.treeSha, before.treeSha);
    expect(changes).toEqual(expect.arrayContaining([{ status: "M", path: "README.md" }, { status: "D", path: "new.txt" }, { status: "A", path: "src/a.txt" }]));
    await restoreTree(repo, before.treeSha, changes);
    expect(readFileSync(join(repo, "README.md"), "utf8")).toBe("# changed\n");
    expect(readFileSync(join(repo, "src", "a.txt"), "utf8")).toBe("a\n");
    expect(existsSync(join(repo, "new.txt"))).toBe(false);
    expect(readFileSync(join(repo, ".env"), "utf8")).toBe("SECRET=1\n");
  });

  it("lists the files each pair of snapshots added, for many pairs in one run, a path with spaces or a line break too", async () => {
    const empty = await snapshotWorktree(repo);
    mkdirSync(join(repo, "my docs"));
    writeFileSync(join(repo, "my docs", "a b.txt"), "a\n");
    writeFileSync(join(repo, "two\nlines.txt"), "odd\n");
    const two = await snapshotWorktree(repo);
    rmSync(join(repo, "my docs", "a b.txt"));
    writeFileSync(join(repo, "README.md"), "# edited\n");
    writeFileSync(join(repo, "c.txt"), "c\n");
    const three = await snapshotWorktree(repo);
    const pairs = [
      { from: empty.treeSha, to: two.treeSha },
      { from: two.treeSha, to: two.treeSha },
      { from: two.treeSha, to: three.treeSha },
    ];
    expect(await addedInEach(repo, pairs)).toEqual([["my docs/a b.txt", "two\nlines.txt"], [], ["c.txt"]]);
  });
});
