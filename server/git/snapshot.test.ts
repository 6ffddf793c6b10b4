import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runGit } from "./git.ts";
import { diffTrees, pinSnapshot, restoreTree, snapshotsHold, snapshotWorktree } from "./snapshot.ts";
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

  it("says which snapshots hold which paths in one batch, a path with spaces too, one with a line break as absent", async () => {
    const before = await snapshotWorktree(repo);
    mkdirSync(join(repo, "my docs"));
    writeFileSync(join(repo, "my docs", "a b.txt"), "a\n");
    writeFileSync(join(repo, "two\nlines.txt"), "odd\n");
    const after = await snapshotWorktree(repo);
    const asked = [
      { tree: before.treeSha, path: "my docs/a b.txt" },
      { tree: after.treeSha, path: "my docs/a b.txt" },
      { tree: after.treeSha, path: "two\nlines.txt" },
      { tree: after.treeSha, path: "README.md" },
    ];
    expect(await snapshotsHold(repo, asked)).toEqual([false, true, false, true]);
  });
});
