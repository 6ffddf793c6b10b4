import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempRepo } from "./test-support.ts";
import { until } from "../test-support/until.ts";
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

/** Waits for the watcher to report `what`, telling on failure everything it did report. */
const untilSeen = (check: () => boolean, what: string) => until(check, () => `${what}; saw ${JSON.stringify(seen)}`);

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
    await untilSeen(() => seen.includes("src/deep/er/file.ts"), "the nested edit");

    mkdirSync(join(repo, "src", "fresh"));
    await untilSeen(() => seen.includes("src/fresh"), "the new folder");
    writeFileSync(join(repo, "src", "fresh", "new.ts"), "x");
    await untilSeen(() => seen.includes("src/fresh/new.ts"), "an edit in the new folder");
    // An ignored folder made after the watch started (a fresh build) is not watched either.
    mkdirSync(join(repo, "src", "fresh", "dist"));
    await untilSeen(() => seen.includes("src/fresh/dist"), "the new ignored folder itself");
    const folders = watching.folders();
    writeFileSync(join(repo, "src", "fresh", "dist", "bundle.js"), "x");
    writeFileSync(join(repo, "src", "fresh", "after.ts"), "x");
    await untilSeen(() => seen.includes("src/fresh/after.ts"), "an edit after the ignored folder appeared");
    expect(watching.folders()).toBe(folders);
    expect(seen.filter((path) => path.startsWith("node_modules") || path.includes("dist/") || path.includes("link/"))).toEqual([]);
  });

  it("reports what was put in a new folder before its watcher existed, and watches its new subfolders unless ignored", async () => {
    writeFileSync(join(repo, ".gitignore"), "dist/\n");
    watching = await watchWorktree(repo, (path) => seen.push(path));
    // One synchronous burst: every file exists before the first event is even delivered.
    mkdirSync(join(repo, "made", "inner", "dist"), { recursive: true });
    writeFileSync(join(repo, "made", "top.ts"), "x");
    writeFileSync(join(repo, "made", "inner", "deep.ts"), "x");
    writeFileSync(join(repo, "made", "inner", "dist", "bundle.js"), "x");
    await untilSeen(() => seen.includes("made/top.ts") && seen.includes("made/inner/deep.ts"), "the files made with the folder");
    await untilSeen(() => watching?.folders() === 3, "the new folders watched"); // the root, made, made/inner
    writeFileSync(join(repo, "made", "inner", "later.ts"), "x");
    await untilSeen(() => seen.includes("made/inner/later.ts"), "a later edit in the new subfolder");
    expect(seen.filter((path) => path.includes("dist/"))).toEqual([]);
  });

  it("watches nothing new once closed, even a folder whose check was still running", async () => {
    // Closed from the very event that started the new folder's `git check-ignore`.
    watching = await watchWorktree(repo, (path) => {
      seen.push(path);
      if (path === "late") watching?.close();
    });
    mkdirSync(join(repo, "late"));
    await untilSeen(() => seen.includes("late"), "the new folder");
    await Bun.sleep(500);
    expect(watching.folders()).toBe(0);
  });
});

describe("whether every change raises an event", () => {
  it("is whole with an ignored node_modules, and not with one git would record (never watched)", async () => {
    writeFileSync(join(repo, ".gitignore"), "node_modules/\n");
    mkdirSync(join(repo, "node_modules", "pkg"), { recursive: true });
    watching = await watchWorktree(repo, (path) => seen.push(path));
    expect(watching.isWhole()).toBe(true);
    watching.close();
    writeFileSync(join(repo, ".gitignore"), "");
    watching = await watchWorktree(repo, (path) => seen.push(path));
    expect(watching.isWhole()).toBe(false);
  });
});
