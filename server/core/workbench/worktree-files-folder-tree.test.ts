import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Session } from "../../../shared/protocol/model.ts";
import { makeWorkbenchKit, type WorkbenchKit } from "./workbench-test-kit.ts";
import { folderTree } from "./worktree-files.ts";

describe("the Files tree of a folder that is not a git repository", () => {
  let k: WorkbenchKit;
  let folder: string;
  let outside: string;
  let session: Session;
  beforeEach(async () => {
    k = await makeWorkbenchKit();
    folder = mkdtempSync(join(tmpdir(), "chatml-plain-"));
    outside = mkdtempSync(join(tmpdir(), "chatml-outside-"));
    const workspace = k.t.repos.workspaces.create({ path: folder, isGitRepo: false });
    session = k.t.repos.sessions.create({ workspaceId: workspace.id, name: "plain", cwd: folder, kind: "folder" });
  });
  afterEach(() => {
    k.close();
    rmSync(folder, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const write = (path: string, content = "") => {
    mkdirSync(join(folder, path, ".."), { recursive: true });
    writeFileSync(join(folder, path), content);
  };

  it("lists the folder's files from the file system: not .git's or node_modules' contents, symlinks not followed", async () => {
    for (const path of ["README.md", "src/a.ts", "src/deep/b.txt", ".env", ".git/junk", "node_modules/dep/index.js", "src/node_modules/x.js"]) write(path);
    writeFileSync(join(outside, "secret.txt"), "");
    symlinkSync(join(folder, "src"), join(folder, "alias"));
    symlinkSync(outside, join(folder, "out"));
    const plain = await k.files.tree(session.id, false);
    expect(plain).toEqual({
      entries: [".env", "alias", "out", "README.md", "src/a.ts", "src/deep/b.txt"].map((path) => ({ path, isDir: false, isIgnored: false })),
      isTruncated: false,
    });
    const all = (await k.files.tree(session.id, true)).entries;
    expect(all.filter((e) => e.isIgnored)).toEqual([
      { path: "node_modules", isDir: true, isIgnored: true },
      { path: "src/node_modules", isDir: true, isIgnored: true },
    ]);
    expect(all).toHaveLength(plain.entries.length + 2);
  });

  it("stops at the entry cap and says the listing is cut short", async () => {
    for (let i = 0; i < 12; i++) write(`d${i % 3}/f${i}.txt`);
    const capped = await folderTree(folder, false, 10);
    expect(capped.entries).toHaveLength(10);
    expect(capped.isTruncated).toBe(true);
    expect(await folderTree(folder, false, 12)).toMatchObject({ isTruncated: false, entries: expect.any(Array) });
  });
});
