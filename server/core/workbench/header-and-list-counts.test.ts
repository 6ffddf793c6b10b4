import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listChanges } from "../../git/changes-list.ts";
import { git } from "../../git/git.ts";
import { readGitStatus } from "../../git/status.ts";
import { commitFile, makeTempRepo } from "../../git/test-support.ts";
import { makeWorkbenchKit, type WorkbenchKit } from "./workbench-test-kit.ts";

/** What the session's header and the Changes panel's "Uncommitted" list say: paths, and the header's count. */
async function bothCounts(k: WorkbenchKit) {
  const [header, list] = await Promise.all([readGitStatus(k.repo, "main"), k.changes.list(k.session.id, "uncommitted")]);
  return { header: header.files.map((f) => f.path).sort(), headerCount: header.fileCount, list: list.files.map((f) => f.path).sort() };
}

/** A submodule `sub` at a commit of a repository of its own, committed in the session's repository. */
async function addSubmodule(k: WorkbenchKit): Promise<string> {
  const sub = await makeTempRepo("chatml-sub-");
  cleanups.push(sub);
  await git(k.repo, ["-c", "protocol.file.allow=always", "submodule", "add", "--quiet", sub, "sub"]);
  await git(k.repo, ["commit", "--quiet", "-m", "add sub"]);
  return join(k.repo, "sub");
}

const cleanups: string[] = [];

describe("the session's header counts the files the Changes panel lists, in every state of the work tree", () => {
  let k: WorkbenchKit;
  beforeEach(async () => {
    k = await makeWorkbenchKit();
  });
  afterEach(() => {
    k.close();
    for (const dir of cleanups.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("a file added to the index and then deleted from the disk is in neither (committing all would not add it)", async () => {
    writeFileSync(join(k.repo, "brief.txt"), "gone again\n");
    await git(k.repo, ["add", "brief.txt"]);
    rmSync(join(k.repo, "brief.txt"));
    expect(await bothCounts(k)).toEqual({ header: [], headerCount: 0, list: [] });
  });

  it("a submodule edited inside (same commit) is in neither, nor in the Git panel's unstaged files", async () => {
    const sub = await addSubmodule(k);
    writeFileSync(join(sub, "README.md"), "edited inside the submodule\n");
    writeFileSync(join(sub, "new.txt"), "untracked inside the submodule\n");
    expect(await bothCounts(k)).toEqual({ header: [], headerCount: 0, list: [] });
    expect(await listChanges(k.repo)).toEqual({ staged: [], unstaged: [] });
  });

  it("a submodule moved to another commit is one file in both", async () => {
    const sub = await addSubmodule(k);
    await commitFile(sub, "README.md", "a new commit in the submodule\n");
    expect(await bothCounts(k)).toEqual({ header: ["sub"], headerCount: 1, list: ["sub"] });
  });

  it("a repository made inside the work tree without a commit is one new entry in both, and the list still loads", async () => {
    mkdirSync(join(k.repo, "inner"));
    await git(join(k.repo, "inner"), ["init", "--quiet"]);
    writeFileSync(join(k.repo, "inner", "a.txt"), "1\n");
    writeFileSync(join(k.repo, "beside.txt"), "1\n");
    expect(await bothCounts(k)).toEqual({ header: ["beside.txt", "inner"], headerCount: 2, list: ["beside.txt", "inner"] });
    // Opened, it is a new folder at no commit, not a deleted file offered for restoring.
    expect(await k.changes.sides(k.session.id, "uncommitted", "inner")).toMatchObject({ before: null, after: "Subproject with no commit yet\n", isDeleted: false });
  });

  it("past the header's first 300 files, its count still says how many the list holds", async () => {
    mkdirSync(join(k.repo, "many"));
    for (let i = 0; i < 320; i++) writeFileSync(join(k.repo, "many", `f${i}.txt`), `${i}\n`);
    const counts = await bothCounts(k);
    expect(counts.header).toHaveLength(300);
    expect(counts.list).toHaveLength(320);
    expect(counts.headerCount).toBe(320);
  });
});

describe("past the list's first 2,000 files", () => {
  let k: WorkbenchKit;
  // One repository for both tests, which only read it: 2,105 files are slow to write and to diff on a loaded machine.
  beforeAll(async () => {
    k = await makeWorkbenchKit();
    // Written in a loop by this process: no git process per file.
    mkdirSync(join(k.repo, "many"));
    mkdirSync(join(k.repo, "other"));
    for (let i = 0; i < 2_100; i++) writeFileSync(join(k.repo, "many", `f${String(i).padStart(4, "0")}.txt`), `${i}\n`);
    for (let i = 0; i < 5; i++) writeFileSync(join(k.repo, "other", `Needle-${i}.txt`), `${i}\n`);
  });
  afterAll(() => k.close());

  it("the header counts every file, and the list says it lists 2,000 of that many", { timeout: 120_000 }, async () => {
    const [header, list] = await Promise.all([readGitStatus(k.repo, "main"), k.changes.list(k.session.id, "uncommitted")]);
    expect(header.fileCount).toBe(2_105);
    // The header's "+N −M" counts every file's lines too, not only those of the 300 it lists.
    expect([header.additions, header.deletions]).toEqual([2_105, 0]);
    expect(list).toMatchObject({ isTruncated: true, totalCount: 2_105, pathFilter: null });
    expect(list.files).toHaveLength(2_000);
  });

  it("the next page from offset 2,000 lists the other 105: the two pages hold every changed file once", { timeout: 120_000 }, async () => {
    const [first, next] = await Promise.all([k.changes.list(k.session.id, "uncommitted"), k.changes.list(k.session.id, "uncommitted", { offset: 2_000 })]);
    expect(next).toMatchObject({ isTruncated: false, totalCount: 2_105, offset: 2_000 });
    expect(next.files).toHaveLength(105);
    const paths = [...first.files, ...next.files].map((f) => f.path);
    expect(new Set(paths).size).toBe(2_105);
    expect(paths).toContain("other/Needle-4.txt");
  });

  it("a filter by path (any case) asks the server for the files past the first 2,000", { timeout: 120_000 }, async () => {
    const found = await k.changes.list(k.session.id, "uncommitted", { pathFilter: "needle" });
    expect(found).toMatchObject({ isTruncated: false, totalCount: 5, pathFilter: "needle" });
    expect(found.files.map((f) => f.path).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `other/Needle-${i}.txt`));
  });

  it("the Files tree is told every changed path for its marks, those past the list's 2,000 and the header's 300 too", { timeout: 120_000 }, async () => {
    const paths = await k.changes.paths(k.session.id);
    expect(paths.uncommitted).toHaveLength(2_105);
    expect(paths.uncommitted).toContainEqual({ path: "other/Needle-4.txt", status: "??" });
    expect(paths.sinceBase).toHaveLength(2_105);
    expect(paths.sinceBase).toContain("many/f2099.txt");
  });
});

describe("the Files tree's changed paths", () => {
  let k: WorkbenchKit;
  beforeEach(async () => {
    k = await makeWorkbenchKit();
  });
  afterEach(() => k.close());

  it("tell a file the branch committed from one changed on top, and leave out a deleted file (not in the tree)", async () => {
    writeFileSync(join(k.repo, "committed.txt"), "on the branch\n");
    await git(k.repo, ["add", "committed.txt"]);
    await git(k.repo, ["commit", "--quiet", "-m", "on the branch"]);
    writeFileSync(join(k.repo, ".gitignore"), ".env\n# edited, not committed\n");
    await git(k.repo, ["rm", "--quiet", "README.md"]);
    const paths = await k.changes.paths(k.session.id);
    expect(paths.uncommitted).toEqual([{ path: ".gitignore", status: "M" }, { path: "README.md", status: "D" }]);
    expect(paths.sinceBase.sort()).toEqual([".gitignore", "committed.txt"]);
  });
});
