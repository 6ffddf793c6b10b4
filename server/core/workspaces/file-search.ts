import { readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";

const SKIPPED = new Set([".git", "node_modules", "dist", "build", ".next", ".cache", "target", ".venv", "__pycache__", ".turbo"]);
const MAX_FILES = 20_000;
const MAX_DEPTH = 12;
const CACHE_MS = 10_000;

type Listing = { at: number; files: string[] };
const cache = new Map<string, Listing>();

/**
 * Files under `cwd` (relative paths), for `@` mentions. Symlinks are never followed, so nothing outside the
 * folder is listed; the query is only a filter, never a path. Listings are cached for a few seconds.
 */
export function listFiles(cwd: string, now = Date.now()): string[] {
  const root = realpathSync(cwd);
  const hit = cache.get(root);
  if (hit && now - hit.at < CACHE_MS) return hit.files;
  const files: string[] = [];
  walk(root, "", 0, files);
  cache.set(root, { at: now, files });
  return files;
}

function walk(root: string, rel: string, depth: number, out: string[]): void {
  if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
  let entries;
  try {
    entries = readdirSync(join(root, rel), { withFileTypes: true });
  } catch (error) {
    console.warn(`[files] cannot list ${join(root, rel)}:`, error instanceof Error ? error.message : error);
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (out.length >= MAX_FILES) return;
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) walk(root, path, depth + 1, out);
    // A worktree's (or submodule's) `.git` is a file naming where its repository is: nothing to mention either.
    else if (entry.isFile() && entry.name !== ".git") out.push(path);
  }
}

/**
 * Fuzzy score of `path` for `query` (characters in order, case-insensitive), or -1 when it does not match.
 * Consecutive runs, matches at word starts and in the file name score higher; shorter paths win ties.
 */
export function fuzzyScore(path: string, query: string): number {
  const p = path.toLowerCase();
  const q = query.toLowerCase();
  const nameStart = p.lastIndexOf("/") + 1;
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    const index = p.indexOf(ch, from);
    if (index === -1) return -1;
    score += 1 + (index === previous + 1 ? 3 : 0) + (index === 0 || "/._-".includes(p[index - 1] ?? "") ? 2 : 0) + (index >= nameStart ? 1 : 0);
    previous = index;
    from = index + 1;
  }
  return score * 100 - path.length;
}

/** The best `limit` files under `cwd` for `query` (the first files when the query is empty). */
export function searchFiles(cwd: string, query: string, limit = 20): string[] {
  const files = listFiles(cwd);
  if (!query.trim()) return files.slice(0, limit);
  return files
    .map((path) => ({ path, score: fuzzyScore(path, query.trim()) }))
    .filter((hit) => hit.score >= 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((hit) => hit.path);
}
