import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWorktreeNewBranch, applyHunk, diffAgainstBase, diffForMessage, git, readFileDiff, readGitStatus, repoLockKey, withRepoLock } from "./index.ts";
import { commitFile, makeTempRepo } from "./test-support.ts";
import { writeExecutable } from "../test-support/executable.ts";

let repo: string;
let scratch: string;
beforeAll(async () => {
  repo = await makeTempRepo();
  scratch = mkdtempSync(join(tmpdir(), "chatml-git-safety-"));
});
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

/** A program the repository's config names; it leaves a marker file when git runs it. */
function markerProgram(name: string): { program: string; marker: string } {
  const marker = join(scratch, `${name}.ran`);
  const program = join(scratch, `${name}.sh`);
  writeExecutable(program, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
  return { program, marker };
}

async function plainGit(cwd: string, args: string[]): Promise<void> {
  await Bun.spawn(["git", "-C", cwd, ...args], { stdout: "ignore", stderr: "ignore" }).exited;
}

describe("ChatML's background git reads run none of a repository's programs", () => {
  it("never runs core.fsmonitor (plain git status would)", async () => {
    const { program, marker } = markerProgram("fsmonitor");
    await git(repo, ["config", "core.fsmonitor", program]);
    try {
      await Bun.write(join(repo, "README.md"), "# changed\n");
      const status = await readGitStatus(repo, "main");
      expect(status.files.map((f) => f.path)).toEqual(["README.md"]);
      expect(existsSync(marker)).toBe(false);
      await plainGit(repo, ["status"]);
      expect(existsSync(marker)).toBe(true);
    } finally {
      await plainGit(repo, ["config", "--unset", "core.fsmonitor"]);
      await plainGit(repo, ["checkout", "--", "README.md"]);
    }
  });

  it("never runs an external diff or a textconv filter when reading a diff (plain git diff would)", async () => {
    const external = markerProgram("external-diff");
    const textconv = markerProgram("textconv");
    await git(repo, ["config", "diff.external", external.program]);
    await git(repo, ["config", "diff.evil.textconv", textconv.program]);
    await commitFile(repo, ".gitattributes", "*.txt diff=evil\n");
    await commitFile(repo, "notes.txt", "one\n");
    // Another size than "one\n": a same-size rewrite in the second of the commit can look unchanged to git (racy stat).
    await Bun.write(join(repo, "notes.txt"), "two, longer\n");
    try {
      const { diff } = await diffAgainstBase(repo, "HEAD~2", 100_000);
      expect(diff).toContain("+two");
      expect(existsSync(external.marker)).toBe(false);
      expect(existsSync(textconv.marker)).toBe(false);
      await plainGit(repo, ["diff"]);
      expect(existsSync(external.marker)).toBe(true);
    } finally {
      await plainGit(repo, ["config", "--unset", "diff.external"]);
      await plainGit(repo, ["checkout", "--", "notes.txt"]);
    }
  });
});

describe("the workbench's own diff reads and hunk staging run none of a repository's programs", () => {
  it("reads a file's hunks, drafts from the diff and stages a hunk of the real bytes, with diff.external, textconv and fsmonitor set", async () => {
    const own = await makeTempRepo();
    const programs = ["wb-external-diff", "wb-textconv", "wb-fsmonitor"].map(markerProgram);
    const [external, textconv, fsmonitor] = programs as [ReturnType<typeof markerProgram>, ReturnType<typeof markerProgram>, ReturnType<typeof markerProgram>];
    try {
      await commitFile(own, ".gitattributes", "*.txt diff=evil\n");
      await commitFile(own, "notes.txt", "one\n");
      await git(own, ["config", "diff.external", external.program]);
      await git(own, ["config", "diff.evil.textconv", textconv.program]);
      await git(own, ["config", "core.fsmonitor", fsmonitor.program]);
      await Bun.write(join(own, "notes.txt"), "two\n");

      const unstaged = await readFileDiff(own, "notes.txt", false);
      expect(unstaged.hunks.map((h) => h.lines.slice(1))).toEqual([["-one", "+two"]]);
      expect((await diffForMessage(own, 10_000)).diff).toContain("+two");
      await applyHunk(own, { path: "notes.txt", index: 0, header: unstaged.hunks[0]?.header ?? "" }, "stage");
      expect(await git(own, ["show", ":notes.txt"])).toBe("two");
      expect((await readFileDiff(own, "notes.txt", true)).hunks).toHaveLength(1);
      expect(programs.filter((p) => existsSync(p.marker)).map((p) => p.program)).toEqual([]);

      await plainGit(own, ["diff", "--cached"]);
      expect(existsSync(external.marker)).toBe(true);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});

describe("a worktree whose checkout runs out of time", () => {
  it("is removed with its new branch, and the error says so (half a checkout once passed for a usable worktree)", async () => {
    const slow = await makeTempRepo();
    try {
      // A checkout filter as slow as git-lfs downloading large files.
      await git(slow, ["config", "filter.slow.smudge", "sleep 3; cat"]);
      writeFileSync(join(slow, ".gitattributes"), "*.bin filter=slow\n");
      await git(slow, ["add", ".gitattributes"]);
      await commitFile(slow, "asset.bin", "large\n");
      const path = join(scratch, "slow-worktree");
      await expect(addWorktreeNewBranch(slow, path, "slow-branch", "main", { timeoutMs: 1000 })).rejects.toThrow("git worktree add did not finish in 1 s and was stopped.");
      expect(existsSync(path)).toBe(false);
      expect(await git(slow, ["branch", "--list", "slow-branch"])).toBe("");
      expect((await git(slow, ["worktree", "list", "--porcelain"])).match(/^worktree /gm)).toHaveLength(1);
    } finally {
      rmSync(slow, { recursive: true, force: true });
    }
  });
});

describe("one git operation at a time per repository (repo-lock)", () => {
  it("creates 100 worktrees in parallel without a single failure", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => addWorktreeNewBranch(repo, join(scratch, `wt-${i}`), `parallel-${i}`, "main")),
    );
    const failures = results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    const listed = (await git(repo, ["worktree", "list", "--porcelain"])).split("\n").filter((line) => line.startsWith("worktree "));
    expect(listed).toHaveLength(101);
  }, 120_000);

  it("queues a repository's worktrees behind one key, and other repositories beside it", async () => {
    expect(await repoLockKey(join(scratch, "wt-0"))).toBe(await repoLockKey(repo));
    const other = await makeTempRepo();
    try {
      expect(await repoLockKey(other)).not.toBe(await repoLockKey(repo));
      let running = 0;
      let most = 0;
      const step = (cwd: string) =>
        withRepoLock(cwd, async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running -= 1;
        });
      await Promise.all([repo, join(scratch, "wt-1"), repo, join(scratch, "wt-2")].map(step));
      expect(most).toBe(1);
      const failing = withRepoLock(repo, async () => {
        throw new Error("boom");
      });
      await expect(failing).rejects.toThrow("boom");
      await expect(withRepoLock(repo, async () => "after")).resolves.toBe("after");
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
