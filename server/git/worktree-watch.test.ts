import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempRepo } from "./test-support.ts";
import { watchWorktree, type WorktreeWatch } from "./worktree-watch.ts";

let repo: string;
let watching: WorktreeWatch | null = null;
const seen: string[] = [];
beforeEach(async () => {
  repo = await makeTempRepo();
  seen.length = 0;
});
afterEach(() => {
  watching?.close();
  rmSync(repo, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await Bun.sleep(20);
  if (!check()) throw new Error(`never saw ${what}; saw ${JSON.stringify(seen)}`);
}

describe("watching a work tree's folders", () => {
  it("sees edits in nested folders and in folders created later, but not in node_modules, ignored folders or through symlinks", async () => {
    writeFileSync(join(repo, ".gitignore"), ".env\ndist/\n");
    for (const dir of ["src/deep/er", "node_modules/pkg", "dist/assets", "outside"]) mkdirSync(join(repo, dir), { recursive: true });
    symlinkSync(join(repo, "outside"), join(repo, "src", "link"));
    watching = await watchWorktree(repo, (path) => seen.push(path));
    expect(watching.folders()).toBe(5); // the root, src, src/deep, src/deep/er, outside

    writeFileSync(join(repo, "node_modules", "pkg", "index.js"), "x");
    writeFileSync(join(repo, "dist", "assets", "app.js"), "x");
    writeFileSync(join(repo, "src", "deep", "er", "file.ts"), "x");
    await until(() => seen.includes("src/deep/er/file.ts"), "the nested edit");

    mkdirSync(join(repo, "src", "fresh"));
    await until(() => seen.includes("src/fresh"), "the new folder");
    writeFileSync(join(repo, "src", "fresh", "new.ts"), "x");
    await until(() => seen.includes("src/fresh/new.ts"), "an edit in the new folder");
    // An ignored folder made after the watch started (a fresh build) is not watched either.
    mkdirSync(join(repo, "src", "fresh", "dist"));
    await until(() => seen.includes("src/fresh/dist"), "the new ignored folder itself");
    const folders = watching.folders();
    writeFileSync(join(repo, "src", "fresh", "dist", "bundle.js"), "x");
    writeFileSync(join(repo, "src", "fresh", "after.ts"), "x");
    await until(() => seen.includes("src/fresh/after.ts"), "an edit after the ignored folder appeared");
    expect(watching.folders()).toBe(folders);
    expect(seen.filter((path) => path.startsWith("node_modules") || path.includes("dist/") || path.includes("link/"))).toEqual([]);
  });
});
