import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { watchingWorktree } from "./shared-snapshot.ts";
import { makeTempRepo } from "./test-support.ts";
import { watchWorktree, type WorktreeWatch } from "./worktree-watch.ts";

/** A repository per test, watched whole as a session's git watcher watches it, with git's own trace at hand. */
export type WatchedRepoKit = {
  /** The test's repository (set from `beforeEach` on). */
  readonly repo: string;
  /** Watches the work tree as the session's git watcher does: every file event says the tree changed. */
  watchAsTheSessionDoes(): Promise<void>;
  /** Resolves once the watcher has reported `path` (the event, not a delay, is what is waited for). */
  eventFor(path: string): Promise<void>;
  /** The git commands run from now on (git's own trace, so every process counts), by name. */
  traceGit(): () => string[];
};

/**
 * Registers the hooks of a WatchedRepoKit in the file (or `describe`) that calls it: a fresh repository before each
 * test (`prepare` may add to it), and after each the watch stopped, the trace off and the folders removed.
 */
export function watchedRepoKit(prepare?: (repo: string) => Promise<void>): WatchedRepoKit {
  let repo = "";
  let traceDir = "";
  let watch: { shared: ReturnType<typeof watchingWorktree>; tree: WorktreeWatch; seen: string[]; waiters: (() => void)[] } | null = null;
  beforeEach(async () => {
    repo = await makeTempRepo();
    traceDir = mkdtempSync(join(tmpdir(), "chatml-trace-"));
    await prepare?.(repo);
  });
  afterEach(() => {
    delete process.env.GIT_TRACE;
    watch?.shared.stop();
    watch?.tree.close();
    watch = null;
    rmSync(repo, { recursive: true, force: true });
    rmSync(traceDir, { recursive: true, force: true });
  });
  return {
    get repo() {
      return repo;
    },
    async watchAsTheSessionDoes() {
      const shared = watchingWorktree(repo);
      const seen: string[] = [];
      const waiters: (() => void)[] = [];
      const tree = await watchWorktree(repo, (path) => {
        shared.changed();
        seen.push(path);
        for (const wake of waiters.splice(0)) wake();
      });
      watch = { shared, tree, seen, waiters };
    },
    async eventFor(path) {
      while (!watch?.seen.includes(path)) await new Promise<void>((wake) => watch?.waiters.push(wake));
    },
    traceGit() {
      const file = join(traceDir, `trace-${Math.random().toString(36).slice(2)}.log`);
      writeFileSync(file, "");
      process.env.GIT_TRACE = file;
      return () => [...readFileSync(file, "utf8").matchAll(/built-in: git ([\w-]+(?: list)?)/g)].map((match) => match[1] ?? "");
    },
  };
}
