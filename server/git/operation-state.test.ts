import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "./git.ts";
import { abortOperation, continueOperation, integrate } from "./remote-actions.ts";
import { readGitStatus } from "./status.ts";
import { commitFile, makeTempRepo } from "./test-support.ts";

describe("the files of a merge stopped on conflicts", () => {
  let repo: string;
  beforeEach(async () => {
    repo = await makeTempRepo();
    await commitFile(repo, "a.txt", "base\n");
    await commitFile(repo, "b.txt", "base\n");
    await git(repo, ["checkout", "-q", "-b", "work"]);
    await commitFile(repo, "a.txt", "work\n");
    await commitFile(repo, "b.txt", "work\n");
    await git(repo, ["checkout", "-q", "main"]);
    await commitFile(repo, "a.txt", "main\n");
    await commitFile(repo, "b.txt", "main\n");
    await git(repo, ["checkout", "-q", "work"]);
    expect(await integrate(repo, "refs/heads/main", "merge")).toMatchObject({ status: "conflicts", conflicts: ["a.txt", "b.txt"] });
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it("keeps a file resolved (staged) listed apart from those still in conflict, until the merge is committed", async () => {
    writeFileSync(join(repo, "a.txt"), "both\n");
    await git(repo, ["add", "a.txt"]);
    expect(await readGitStatus(repo, "main")).toMatchObject({ operation: "merge", conflicts: ["b.txt"], resolvedConflicts: ["a.txt"] });
    writeFileSync(join(repo, "b.txt"), "both\n");
    await git(repo, ["add", "b.txt"]);
    expect(await readGitStatus(repo, "main")).toMatchObject({ conflicts: [], resolvedConflicts: ["a.txt", "b.txt"] });
    expect(await continueOperation(repo)).toMatchObject({ status: "done" });
    expect(await readGitStatus(repo, "main")).toMatchObject({ operation: null, conflicts: [], resolvedConflicts: [] });
  });

  it("lists nothing once the merge is aborted", async () => {
    writeFileSync(join(repo, "a.txt"), "both\n");
    await git(repo, ["add", "a.txt"]);
    await abortOperation(repo);
    expect(await readGitStatus(repo, "main")).toMatchObject({ operation: null, conflicts: [], resolvedConflicts: [] });
  });
});

describe("whether a repository has a remote to push to", () => {
  it("says no for a local-only repository, yes once origin is added, and yes for a branch that tracks origin", async () => {
    const repo = await makeTempRepo();
    const remote = await makeTempRepo();
    try {
      await commitFile(repo, "a.txt", "one\n");
      expect(await readGitStatus(repo, null)).toMatchObject({ upstream: null, hasOrigin: false });
      await git(repo, ["remote", "add", "origin", remote]);
      expect(await readGitStatus(repo, null)).toMatchObject({ upstream: null, hasOrigin: true });
      await git(repo, ["push", "-q", "--set-upstream", "origin", "main:pushed"]);
      expect(await readGitStatus(repo, null)).toMatchObject({ upstream: { name: "origin/pushed", ahead: 0, behind: 0 }, hasOrigin: true });
    } finally {
      rmSync(repo, { recursive: true, force: true });
      rmSync(remote, { recursive: true, force: true });
    }
  });
});
