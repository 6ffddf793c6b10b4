import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { git } from "../../git/index.ts";
import { commitFile } from "../../git/test-support.ts";
import { makeSourceControlKit, type SourceControlKit } from "./source-control-test-kit.ts";

let k: SourceControlKit;
beforeEach(async () => {
  k = await makeSourceControlKit();
});
afterEach(() => k.close());

it("lists the branch's commits newest first: its own (ahead of base) apart, pushed or not", async () => {
  await commitFile(k.cwd, "a.txt", "a\n");
  // Before the branch's first push, a commit on no remote branch is not pushed.
  expect((await k.service.history(k.id, 50)).commits.map((c) => c.isPushed)).toEqual([false, true]);
  await k.service.push(k.id);
  await commitFile(k.cwd, "b.txt", "b\n");
  const { commits, hasMore } = await k.service.history(k.id, 50);
  expect(hasMore).toBe(false);
  expect(commits.map((c) => [c.subject, c.isAhead, c.isPushed])).toEqual([
    ["add b.txt", true, false],
    ["add a.txt", true, true],
    ["first", false, true],
  ]);
  expect(commits[0]).toMatchObject({ sha: await git(k.cwd, ["rev-parse", "HEAD"]), author: expect.any(String), authoredAt: expect.any(Number) });
  expect((await k.service.history(k.id, 2)).hasMore).toBe(true);
});

it("answers one commit: its message, files with counts (binary too), and its patch", async () => {
  writeFileSync(join(k.cwd, "notes.md"), "one\ntwo\n");
  writeFileSync(join(k.cwd, "logo.bin"), Buffer.from([0, 1, 2, 0]));
  await git(k.cwd, ["add", "notes.md", "logo.bin"]);
  await git(k.cwd, ["rm", "--quiet", "README.md"]);
  await git(k.cwd, ["commit", "--quiet", "-m", "Add notes\n\n#12: why they matter"]);
  const sha = await git(k.cwd, ["rev-parse", "--short", "HEAD"]);
  const commit = await k.service.commitDetail(k.id, sha);
  expect(commit).toMatchObject({ sha: await git(k.cwd, ["rev-parse", "HEAD"]), message: "Add notes\n\n#12: why they matter", isPatchTruncated: false });
  expect(commit.files).toEqual([
    { path: "README.md", status: "D", oldPath: null, additions: 0, deletions: 1, isBinary: false },
    { path: "logo.bin", status: "A", oldPath: null, additions: 0, deletions: 0, isBinary: true },
    { path: "notes.md", status: "A", oldPath: null, additions: 2, deletions: 0, isBinary: false },
  ]);
  expect(commit.patch).toContain("+two");
  const root = await git(k.cwd, ["rev-list", "--max-parents=0", "HEAD"]);
  expect((await k.service.commitDetail(k.id, root)).files.map((f) => f.status)).toEqual(["A", "A"]);
  await expect(k.service.commitDetail(k.id, "deadbeef")).rejects.toMatchObject({ code: "not_found" });
});
