import type { TreeEntry } from "../../../../shared/index.ts";

/** A folder or file of the tree, with its children sorted folders first. */
export type TreeNode = { name: string; path: string; isDir: boolean; isIgnored: boolean; children: TreeNode[] };

/** Builds the nested tree from git's flat listing. */
export function buildTree(entries: TreeEntry[]): TreeNode[] {
  const root: TreeNode = { name: "", path: "", isDir: true, isIgnored: false, children: [] };
  const folders = new Map<string, TreeNode>([["", root]]);
  const folder = (path: string): TreeNode => {
    const found = folders.get(path);
    if (found) return found;
    const cut = path.lastIndexOf("/");
    const node: TreeNode = { name: path.slice(cut + 1), path, isDir: true, isIgnored: false, children: [] };
    folder(cut === -1 ? "" : path.slice(0, cut)).children.push(node);
    folders.set(path, node);
    return node;
  };
  for (const entry of entries) {
    const cut = entry.path.lastIndexOf("/");
    if (entry.isDir) {
      folder(entry.path).isIgnored = entry.isIgnored;
      continue;
    }
    folder(cut === -1 ? "" : entry.path.slice(0, cut)).children.push({ name: entry.path.slice(cut + 1), path: entry.path, isDir: false, isIgnored: entry.isIgnored, children: [] });
  }
  const sort = (node: TreeNode) => {
    node.children.sort((a, b) => (a.isDir === b.isDir ? a.name.localeCompare(b.name) : a.isDir ? -1 : 1));
    node.children.forEach(sort);
  };
  sort(root);
  return root.children;
}

/**
 * Fuzzy score of `path` for `query` (characters in order, case-insensitive), or -1 when it does not match.
 * Consecutive runs, word starts and matches in the file name score higher; shorter paths win ties.
 */
export function fuzzyScore(path: string, query: string): number {
  const p = path.toLowerCase();
  const nameStart = p.lastIndexOf("/") + 1;
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of query.toLowerCase()) {
    const index = p.indexOf(ch, from);
    if (index === -1) return -1;
    score += 1 + (index === previous + 1 ? 3 : 0) + (index === 0 || "/._-".includes(p[index - 1] ?? "") ? 2 : 0) + (index >= nameStart ? 1 : 0);
    previous = index;
    from = index + 1;
  }
  return score * 100 - path.length;
}

/** The best `limit` file paths for a quick-open query. */
export function quickOpen(paths: string[], query: string, limit = 30): string[] {
  const q = query.trim();
  if (!q) return [];
  return paths
    .map((path) => ({ path, score: fuzzyScore(path, q) }))
    .filter((hit) => hit.score >= 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((hit) => hit.path);
}

/** What the tree marks: each changed file's git state (one letter, see `STATUS_NAMES`) and the folders holding one. */
export type ChangeMarks = { files: ReadonlyMap<string, string>; folders: ReadonlySet<string> };

/**
 * The tree's marks from a session's uncommitted changes (`git status` codes: "M", "AM", "??", "UU"…) and the files its
 * branch changed since its base (`sinceBase`, committed or not): an uncommitted file shows its state, a file changed
 * only in the branch's commits shows "•" (see `STATUS_NAMES`), and each folder above either holds a change (so a
 * change deep in a folded folder is still seen).
 */
export function changeMarks(changes: readonly { path: string; status: string }[], sinceBase: readonly string[] = []): ChangeMarks {
  const files = new Map<string, string>();
  const folders = new Set<string>();
  const mark = (path: string, letter: string) => {
    files.set(path, letter);
    for (let cut = path.lastIndexOf("/"); cut > 0; cut = path.lastIndexOf("/", cut - 1)) folders.add(path.slice(0, cut));
  };
  for (const path of sinceBase) mark(path, COMMITTED_MARK);
  for (const change of changes) mark(change.path, markOf(change.status));
  return { files, folders };
}

/** The mark of a file its branch changed in a commit, with nothing uncommitted on top. */
export const COMMITTED_MARK = "•";

function markOf(status: string): string {
  if (status === "??") return "?";
  if (status.includes("U") || status === "AA" || status === "DD") return "U";
  return status.trim()[0] ?? "M";
}
