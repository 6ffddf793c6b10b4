import { useEffect, useMemo, useState } from "react";
import type { SessionId, TreeEntry } from "../../../../shared/index.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { ChevronIcon } from "../../components/icons.tsx";
import { STATUS_NAMES } from "../../lib/git-status.ts";
import { errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useWorkbenchRevision, useWorkbenchStore } from "../../stores/workbench-store.ts";
import { buildTree, changeMarks, quickOpen, type ChangeMarks, type TreeNode } from "./file-tree-model.ts";
import { useChangedPaths } from "./use-changes.ts";

/**
 * The worktree's files (as git sees them; ignored ones on request), with fuzzy quick-open; uncommitted changes are
 * marked with their state, files the branch changed in its commits with a dot.
 */
export function FilesPanel({ sessionId }: { sessionId: SessionId }) {
  const [showIgnored, setShowIgnored] = useState(false);
  const [query, setQuery] = useState("");
  const { entries, error } = useTree(sessionId, showIgnored);
  const tree = useMemo(() => buildTree(entries), [entries]);
  // Every changed path, not the session's first 300 or the listing's first 2,000: a file past them showed unchanged.
  // What the branch changed in its commits too, not only what is uncommitted (a plain folder has none).
  const changed = useChangedPaths(sessionId).data;
  const marks = useMemo(() => changeMarks(changed?.uncommitted ?? [], changed?.sinceBase ?? []), [changed]);
  const hits = useMemo(() => quickOpen(entries.filter((e) => !e.isDir).map((e) => e.path), query), [entries, query]);
  const open = (path: string) => useWorkbenchStore.getState().openDoc(sessionId, { kind: "file", path });
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex items-center gap-2 border-b border-stone-200 p-1 dark:border-stone-800">
        <input
          type="search"
          aria-label="Go to file"
          placeholder="Go to file…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => e.key === "Enter" && hits[0] && open(hits[0])}
          className="min-h-11 min-w-0 flex-1 rounded-md border border-stone-300 bg-white px-2 text-sm mouse:min-h-8 dark:border-stone-700 dark:bg-stone-950"
        />
        <label className="flex min-h-11 items-center gap-1 text-xs whitespace-nowrap mouse:min-h-8">
          <input type="checkbox" checked={showIgnored} onChange={(e) => setShowIgnored(e.target.checked)} />
          Ignored
        </label>
      </div>
      <ErrorText message={error} className="p-2" />
      <div className="min-h-0 flex-1 overflow-y-auto py-1 font-mono text-xs">
        {query.trim() ? (
          <ul aria-label="Matching files">
            {hits.map((path) => (
              <li key={path}>
                <button type="button" onClick={() => open(path)} className="flex min-h-11 w-full items-center px-2 text-left hover:bg-stone-100 mouse:min-h-7 dark:hover:bg-stone-900">
                  <span className="truncate">{path}</span>
                </button>
              </li>
            ))}
            {hits.length === 0 ? <li className="px-2 font-sans text-stone-500">No file matches.</li> : null}
          </ul>
        ) : (
          <ul role="tree" aria-label="Files">
            {tree.map((node) => (
              <TreeItem key={node.path} node={node} depth={0} marks={marks} onOpen={open} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function TreeItem({ node, depth, marks, onOpen }: { node: TreeNode; depth: number; marks: ChangeMarks; onOpen: (path: string) => void }) {
  const [isOpen, setOpen] = useState(false);
  const canOpen = node.isDir ? node.children.length > 0 : true;
  const mark = node.isDir ? null : (marks.files.get(node.path) ?? null);
  const hasChanges = node.isDir && marks.folders.has(node.path);
  // The mark is a glyph; the name says it in words ("app.ts, modified").
  const label = mark ? `${node.name}, ${STATUS_NAMES[mark] ?? mark}` : hasChanges ? `${node.name}, has changes` : undefined;
  return (
    <li role="treeitem" aria-expanded={node.isDir ? isOpen : undefined} aria-selected={false}>
      <button
        type="button"
        aria-label={label}
        disabled={!canOpen}
        onClick={() => (node.isDir ? setOpen(!isOpen) : onOpen(node.path))}
        style={{ paddingLeft: 8 + depth * 12 }}
        className={`flex min-h-11 w-full items-center gap-1 pr-2 text-left hover:bg-stone-100 mouse:min-h-7 dark:hover:bg-stone-900 ${node.isIgnored ? "text-stone-400" : ""}`}
      >
        {node.isDir ? <ChevronIcon className={`h-3 w-3 shrink-0 transition-transform ${isOpen ? "rotate-90" : ""}`} /> : <span className="w-3 shrink-0" />}
        <span className="truncate">{node.name}</span>
        {mark ? (
          <span aria-hidden="true" title={STATUS_NAMES[mark]} className={`ml-auto shrink-0 pl-2 font-semibold ${MARK_COLORS[mark] ?? "text-amber-700 dark:text-amber-400"}`}>
            {mark}
          </span>
        ) : null}
        {hasChanges ? (
          <span aria-hidden="true" className="ml-auto shrink-0 pl-2 text-amber-700 dark:text-amber-400">
            ●
          </span>
        ) : null}
      </button>
      {node.isDir && isOpen ? (
        <ul role="group">
          {node.children.map((child) => (
            <TreeItem key={child.path} node={child} depth={depth + 1} marks={marks} onOpen={onOpen} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Added and untracked files read as new, conflicts as trouble; the rest (modified, renamed…) as changed. */
const MARK_COLORS: Record<string, string> = {
  A: "text-emerald-700 dark:text-emerald-400",
  "?": "text-emerald-700 dark:text-emerald-400",
  D: "text-red-700 dark:text-red-400",
  U: "text-red-700 dark:text-red-400",
  "•": "text-stone-500 dark:text-stone-400",
};

function useTree(sessionId: SessionId, showIgnored: boolean): { entries: TreeEntry[]; error: string | null } {
  const [state, setState] = useState<{ entries: TreeEntry[]; error: string | null }>({ entries: [], error: null });
  const checkedAt = useConversationsStore((s) => s.sessions[sessionId]?.git?.checkedAt ?? 0);
  const files = useWorkbenchRevision(sessionId, "files");
  useEffect(() => {
    let isCurrent = true;
    workbenchApi.tree(sessionId, showIgnored).then(
      (r) => isCurrent && setState({ entries: r.entries, error: null }),
      (e: unknown) => isCurrent && setState((s) => ({ ...s, error: errorMessage(e) })),
    );
    return () => {
      isCurrent = false;
    };
  }, [sessionId, showIgnored, checkedAt, files]);
  return state;
}
