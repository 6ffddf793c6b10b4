import { existsSync, lstatSync, readdirSync, watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import { runGit } from "./git.ts";

/** A running watch of a work tree's folders; `folders()` says how many are watched. */
/**
 * `isWhole`: every change to what git would record raises an event — false once a folder went unwatched (past the
 * folder limit, a `node_modules` git does not ignore, a watcher that failed).
 */
export type WorktreeWatch = { close(): void; folders(): number; isWhole(): boolean };

/** Never watched: git's own folder and dependency trees (huge, and ignored almost everywhere). */
const SKIPPED = new Set([".git", "node_modules"]);
/** Past this many folders per session the rest are not watched: inotify watches are a per-user limit shared by every session and the user's own editor. */
const MAX_FOLDERS = 1000;

/**
 * Watches every folder of a work tree that git does not ignore — one non-recursive watcher per folder, so `.gitignore`d
 * trees (build output, caches) and `node_modules` cost no inotify watches and raise no events. Folders created later
 * are watched as they appear; symlinked folders are not followed. `onChange` gets the changed path, relative to root.
 */
export async function watchWorktree(root: string, onChange: (path: string) => void, onError?: (error: Error) => void): Promise<WorktreeWatch> {
  const ignored = await ignoredFolders(root);
  const watchers = new Map<string, FSWatcher>();
  // `announce`: the folder appeared after the watch started, so what was put in it before its watcher existed (a
  // `mkdir -p a/b && echo > a/b/c`) raised no event; each entry found is reported once instead.
  const add = (relative: string, announce = false) => {
    if (isUnwatchedDependencies(relative, ignored)) hasGaps = true;
    if (watchers.has(relative) || isSkipped(relative, ignored)) return;
    if (watchers.size >= MAX_FOLDERS) {
      hasGaps = true;
      return;
    }
    const absolute = join(root, relative);
    let watcher: FSWatcher;
    try {
      watcher = watch(absolute, { persistent: false }, (_event, name) => {
        if (name === null) return onChange(relative);
        const path = relative ? `${relative}/${String(name)}` : String(name);
        if (isSkipped(path, ignored)) return;
        if (!watchers.has(path) && isFolder(join(root, path))) void addUnlessIgnored(path);
        onChange(path);
      });
    } catch {
      return; // deleted between listing and watching
    }
    watcher.on("error", (error) => {
      watchers.delete(relative);
      watcher.close();
      if (!existsSync(absolute)) return;
      hasGaps = true;
      onError?.(error);
    });
    watchers.set(relative, watcher);
    for (const entry of safeList(absolute)) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (!announce) {
        if (entry.isDirectory()) add(path);
      } else if (!isSkipped(path, ignored)) {
        if (entry.isDirectory()) void addUnlessIgnored(path);
        onChange(path);
      }
    }
  };
  // A folder made later (a fresh build output) is asked about first: the ignored list was read at the start.
  const addUnlessIgnored = async (path: string) => {
    const isIgnored = (await runGit(root, ["check-ignore", "--quiet", "--", path])).code === 0;
    if (isClosed) return;
    if (isIgnored) ignored.add(path);
    else add(path, true);
  };
  let isClosed = false;
  let hasGaps = false;
  add("");
  return {
    close: () => {
      isClosed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
    folders: () => watchers.size,
    isWhole: () => !hasGaps,
  };
}

/** Folders git ignores (`dist/`, `.cache/` …), relative and without the trailing slash. */
async function ignoredFolders(root: string): Promise<Set<string>> {
  const result = await runGit(root, ["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"]);
  if (result.code !== 0) return new Set();
  return new Set(result.stdout.split("\0").filter((path) => path.endsWith("/")).map((path) => path.slice(0, -1)));
}

function isSkipped(path: string, ignored: ReadonlySet<string>): boolean {
  return path.split("/").some((part) => SKIPPED.has(part)) || isIgnored(path, ignored);
}

function isIgnored(path: string, ignored: ReadonlySet<string>): boolean {
  const parts = path.split("/");
  for (let i = 1; i <= parts.length; i++) if (ignored.has(parts.slice(0, i).join("/"))) return true;
  return false;
}

/** A `node_modules` git would record (not ignored): never watched, so its changes raise no event. */
function isUnwatchedDependencies(path: string, ignored: ReadonlySet<string>): boolean {
  return path.split("/").at(-1) === "node_modules" && !isIgnored(path, ignored);
}

/** A real folder (a symlink to one is not followed). */
function isFolder(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

function safeList(path: string) {
  try {
    return readdirSync(path, { withFileTypes: true });
  } catch {
    return [];
  }
}
