import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBytesAtRevision, TOO_LARGE } from "./changes.ts";
import { assertSessionBranch, branchExists, detectDefaultBranch, git, gitError, isProtectedBranch, readGitStatus, runGit } from "./index.ts";
import { readCommit } from "./history.ts";
import { commitFile, makeTempRepo } from "./test-support.ts";

let repo: string;
beforeAll(async () => {
  repo = await makeTempRepo();
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("git wrapper on a real repository", () => {
  it("reads a blob up to a limit and stops there, saying it is too large, without the rest", async () => {
    await commitFile(repo, "big.txt", "x".repeat(300_000));
    expect(await readBytesAtRevision(repo, "HEAD", "big.txt", 299_999)).toBe(TOO_LARGE);
    expect((await readBytesAtRevision(repo, "HEAD", "big.txt", 300_000)) as Uint8Array).toHaveLength(300_000);
    expect(await readBytesAtRevision(repo, "HEAD", "absent.txt", 10)).toBeNull();
  });

  it("shows a commit's patch with its files named as they are, not as octal escapes", async () => {
    await commitFile(repo, "café 日本.txt", "bonjour\n");
    const { patch } = await readCommit(repo, "HEAD");
    expect(patch).toContain("diff --git a/café 日本.txt b/café 日本.txt\n");
  });

  it("says what to do when another git holds the index (its lock file), not only git's words", async () => {
    writeFileSync(join(repo, "new.txt"), "x\n");
    writeFileSync(join(repo, ".git", "index.lock"), "");
    try {
      await expect(git(repo, ["add", "new.txt"])).rejects.toMatchObject({ message: expect.stringMatching(/index\.lock[\s\S]*\nAnother git process is working in this repository/) });
    } finally {
      rmSync(join(repo, ".git", "index.lock"));
      rmSync(join(repo, "new.txt"));
    }
  });

  it("validates branch names as refs and refuses protected ones", async () => {
    await expect(assertSessionBranch(repo, "feature/ok-1")).resolves.toBeUndefined();
    for (const bad of ["has space", "a..b", "-x", "end.lock", "x~1", "a:b", "HEAD^"]) {
      await expect(assertSessionBranch(repo, bad)).rejects.toMatchObject({ code: "bad_request" });
    }
    for (const name of ["main", "master", "develop"]) {
      expect(isProtectedBranch(name)).toBe(true);
      await expect(assertSessionBranch(repo, name)).rejects.toThrow(/protected/);
    }
  });

  it("stops a command that ran out of time with what it started, and says so instead of an exit code", async () => {
    // git runs the alias in a shell whose `sleep` inherits git's output: killing git alone left the call waiting 30 s.
    await git(repo, ["config", "alias.slow", "!sleep 30"]);
    const result = await runGit(repo, ["slow"], { timeoutMs: 200 });
    // SIGTERM (143), so that a git that holds index.lock removes it; SIGKILL only for what is left a moment later.
    expect(result).toMatchObject({ code: 143, stoppedBy: "timeout" });
    expect(gitError(["slow"], result).message).toBe("git slow failed: it did not finish in time and was stopped");
    expect(gitError(["status"], { code: 128, stdout: "", stderr: "fatal: not a git repository\n" }).message).toBe("git status failed: fatal: not a git repository");
  });

  it("protects a repository's own default branch whatever it is called", async () => {
    expect(isProtectedBranch("trunk")).toBe(false);
    expect(isProtectedBranch("trunk", "trunk")).toBe(true);
    expect(isProtectedBranch("refs/heads/stable", "origin/stable")).toBe(true);
    await expect(assertSessionBranch(repo, "trunk", "trunk")).rejects.toThrow(/protected/);
    await expect(assertSessionBranch(repo, "feature/x", "trunk")).resolves.toBeUndefined();
  });

  it("detects the default branch and reads status with +/- counts and ahead/behind", async () => {
    expect(await detectDefaultBranch(repo)).toBe("main");
    await git(repo, ["checkout", "--quiet", "-b", "work"]);
    await commitFile(repo, "a.txt", "one\ntwo\n");
    await Bun.write(`${repo}/README.md`, "# changed\nmore\n");
    const status = await readGitStatus(repo, "main");
    expect(status).toMatchObject({ branch: "work", ahead: 1, behind: 0 });
    expect(status.files).toEqual([{ path: "README.md", status: "M", additions: 2, deletions: 1 }]);
    expect(await branchExists(repo, "work")).toBe(true);
    expect(await branchExists(repo, "nope")).toBe(false);
  });
});
