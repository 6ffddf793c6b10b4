import { useState } from "react";
import type { ChangeList, ChangeScope, ChangedFile, SessionId } from "../../../../shared/index.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { FilePath } from "../../components/file-path.tsx";
import { GitStatusLetter } from "../../components/git-status-letter.tsx";
import { changeLetter } from "../../lib/git-status.ts";
import { selectWorkbench, useWorkbenchStore } from "../../stores/workbench-store.ts";
import { ChangesPathFilter, count } from "./changes-path-filter.tsx";
import { MergedBaseNote } from "./merged-base-note.tsx";
import { useChanges } from "./use-changes.ts";

const SCOPES: { scope: ChangeScope; label: string }[] = [
  { scope: "base", label: "Since base" },
  { scope: "uncommitted", label: "Uncommitted" },
  { scope: "turn", label: "This turn" },
];

/** Said where the list would be (at its top: the list below fills the panel). */
const EMPTY: Record<ChangeScope, string> = { base: "No changes since the base.", uncommitted: "No uncommitted changes.", turn: "No changes in this turn." };

/** Every file that differs in the chosen scope, live: a click opens its diff. */
export function ChangesPanel({ sessionId }: { sessionId: SessionId }) {
  const scope = useWorkbenchStore((s) => selectWorkbench(sessionId)(s).scope);
  const { patch, openDoc } = useWorkbenchStore.getState();
  const [pathFilter, setPathFilter] = useState<string | null>(null);
  const list = useChanges(sessionId, scope, pathFilter);
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div role="radiogroup" aria-label="Which changes" className="flex gap-1 border-b border-stone-200 p-1 dark:border-stone-800">
        {SCOPES.map((s) => (
          <button
            key={s.scope}
            type="button"
            role="radio"
            aria-checked={scope === s.scope}
            onClick={() => patch(sessionId, { scope: s.scope })}
            className={`min-h-11 flex-1 rounded-md px-2 text-xs font-medium mouse:min-h-8 ${scope === s.scope ? "bg-stone-900 text-white dark:bg-stone-100 dark:text-stone-900" : "hover:bg-stone-200 dark:hover:bg-stone-800"}`}
          >
            {s.label}
          </button>
        ))}
      </div>
      {scope === "base" ? <MergedBaseNote sessionId={sessionId} /> : null}
      <ErrorText message={list.error} className="p-2" />
      {list.data?.note ? <p className="px-2 py-1 text-xs text-stone-500">{list.data.note}</p> : null}
      {list.data && (list.data.isTruncated || list.data.pathFilter) ? <ChangesPathFilter key={scope} list={list.data} onFilter={setPathFilter} /> : null}
      {/* The review opens the scope's files, not the filter's: offered with the whole list. */}
      {list.data && list.data.files.length > 0 && !list.data.pathFilter ? (
        <button type="button" className="min-h-11 border-b border-stone-200 px-2 text-left text-xs text-sky-800 hover:bg-sky-50 mouse:min-h-8 dark:border-stone-800 dark:text-sky-300 dark:hover:bg-sky-950" onClick={() => openDoc(sessionId, { kind: "session-diff", scope })}>
          {reviewLabel(list.data)}
        </button>
      ) : null}
      {list.data && list.data.files.length === 0 && !list.data.note ? <p className="p-3 text-sm text-stone-500">{EMPTY[scope]}</p> : null}
      <ul aria-label="Changed files" className="min-h-0 flex-1 overflow-y-auto">
        {list.data?.files.map((file) => (
          <li key={file.path}>
            <button
              type="button"
              data-testid="changed-file"
              onClick={() => openDoc(sessionId, { kind: "diff", path: file.path, oldPath: file.oldPath, scope })}
              className="flex min-h-11 w-full items-center gap-2 px-2 text-left font-mono text-xs hover:bg-stone-100 mouse:min-h-8 dark:hover:bg-stone-900"
            >
              <GitStatusLetter letter={changeLetter(file)} />
              {/* A rename's name now comes first and its old one under it: on one line, a phone cut it before the new name. */}
              <span className="flex min-w-0 flex-1 flex-col" title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}>
                <span data-testid="new-path">
                  <FilePath path={file.path} />
                </span>
                {file.oldPath ? (
                  <span className="truncate text-stone-500" data-testid="old-path">
                    renamed from {file.oldPath}
                  </span>
                ) : null}
              </span>
              {file.oldMode && file.newMode && file.oldMode !== file.newMode ? <span className="text-stone-500">{file.newMode.slice(-3)}</span> : null}
              {file.isBinary || file.isTooLarge ? <span className="text-stone-500">{file.isBinary ? "binary" : "too large"}</span> : <Counts file={file} />}
            </button>
          </li>
        ))}
      </ul>
      {list.data?.isTruncated ? <p className="p-2 text-xs text-stone-500">Only the first {count(list.data.files.length)} of {count(list.data.totalCount)} files are listed: filter by path above to find the rest.</p> : null}
    </div>
  );
}

/** The review pages through every file of the scope (not only the 2,000 listed here): it offers them all ("all" of one reads wrong). */
function reviewLabel({ totalCount }: ChangeList): string {
  return totalCount === 1 ? "Review 1 file" : `Review all ${count(totalCount)} files`;
}

function Counts({ file }: { file: ChangedFile }) {
  return (
    <span className="shrink-0">
      {/* Grouped as the session's header groups them ("+200000" beside its "+200,003" read as another number). */}
      <span className="text-emerald-700 dark:text-emerald-400">+{count(file.additions ?? 0)}</span> <span className="text-red-700 dark:text-red-400">−{count(file.deletions ?? 0)}</span>
    </span>
  );
}
