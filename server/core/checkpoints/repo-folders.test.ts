import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { git } from "../../git/git.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { RepoFolders, type FolderProbes } from "./repo-folders.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A real folder last changed `ageMs` ago (as a folder the user has not touched lately is). */
function folder(ageMs = 60_000): string {
  const dir = mkdtempSync(join(tmpdir(), "chatml-folders-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return age(dir, ageMs);
}

function age(dir: string, ageMs: number): string {
  const at = new Date(Date.now() - ageMs);
  utimesSync(dir, at, at);
  return dir;
}

/** The real file system, with every call counted. */
function countedProbes(): FolderProbes & { calls: number } {
  const probes: FolderProbes & { calls: number } = {
    calls: 0,
    existsSync: (path) => (probes.calls++, existsSync(path)),
    statSync: ((...args: Parameters<typeof statSync>) => (probes.calls++, statSync(...args))) as typeof statSync,
  };
  return probes;
}

/** The file-system calls one `gitDirOf` makes, and its answer. */
async function ask(folders: RepoFolders, probes: { calls: number }, cwd: string): Promise<{ calls: number; gitDir: string | null }> {
  const before = probes.calls;
  const gitDir = await folders.gitDirOf(cwd);
  return { calls: probes.calls - before, gitDir };
}

describe("RepoFolders: is a folder a repository's top, asked before every turn (ADR 0041, ADR 0330)", () => {
  it("answers a plain folder again from one stat of the folder, not a walk up to /, and sees a `git init` there from the next turn", async () => {
    const cwd = folder();
    const probes = countedProbes();
    const folders = new RepoFolders(probes, {});
    const first = await ask(folders, probes, cwd);
    expect(first.gitDir).toBeNull();
    expect(first.calls).toBeGreaterThan(4); // the walk: `.git` and `HEAD` in the folder and each one above it
    expect(await ask(folders, probes, cwd)).toEqual({ calls: 1, gitDir: null });

    await git(cwd, ["init", "--quiet", "--initial-branch=main"]);
    age(cwd, 30_000); // the folder's mtime moved, even where no clock tick separates it from the "plain" answer
    expect((await ask(folders, probes, cwd)).gitDir).toMatch(/\.git$/);
  });

  it("answers a folder inside another repository again without asking git, until the folder gets a `.git` of its own (ADR 0065)", async () => {
    const repo = await makeTempRepo();
    cleanups.push(() => rmSync(repo, { recursive: true, force: true }));
    const cwd = join(repo, "packages", "app");
    mkdirSync(cwd, { recursive: true });
    age(cwd, 60_000);
    const probes = countedProbes();
    const folders = new RepoFolders(probes, {});
    expect((await ask(folders, probes, cwd)).gitDir).toBeNull();
    expect(await ask(folders, probes, cwd)).toEqual({ calls: 1, gitDir: null });

    await git(cwd, ["init", "--quiet", "--initial-branch=main"]);
    expect((await ask(folders, probes, cwd)).gitDir).toMatch(/app\/\.git$/);
  });

  it("never remembers a folder whose `.git` is there but no repository yet: the `git init` that fills it leaves the folder's mtime alone", async () => {
    const cwd = folder();
    mkdirSync(join(cwd, ".git"));
    age(cwd, 60_000);
    const folders = new RepoFolders(undefined, {});
    expect(await folders.gitDirOf(cwd)).toBeNull();

    const stamp = statSync(cwd).mtime;
    await git(cwd, ["init", "--quiet", "--initial-branch=main"]);
    utimesSync(cwd, stamp, stamp);
    expect(await folders.gitDirOf(cwd)).toMatch(/\.git$/);
  });

  it("walks again while the folder changed within the last two seconds, when a new `.git` need not move its mtime", async () => {
    const cwd = folder(60_000);
    const changedAt = statSync(cwd).mtimeMs;
    const probes = countedProbes();
    const folders = new RepoFolders(probes, {}, () => changedAt + 1_000);
    const first = await ask(folders, probes, cwd);
    expect(await ask(folders, probes, cwd)).toEqual(first);
  });

  it("walks again whenever the environment names a git dir, whose repository changes without the folder", async () => {
    const cwd = folder();
    const probes = countedProbes();
    const folders = new RepoFolders(probes, { GIT_DIR: join(cwd, "nowhere.git") });
    const first = await ask(folders, probes, cwd);
    expect(first.gitDir).toBeNull();
    expect(await ask(folders, probes, cwd)).toEqual(first);
  });
});
