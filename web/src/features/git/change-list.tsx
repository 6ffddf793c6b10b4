import { useState } from "react";
import type { GitChangeEntry, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { GitStatusLetter } from "../../components/git-status-letter.tsx";
import { ConfirmButton } from "../../components/confirm-button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { FilePath } from "../../components/file-path.tsx";
import { gitApi } from "./git-api.ts";
import { changeAction } from "./change-action.ts";
import { HunkList } from "./hunk-list.tsx";

type Props = {
  sessionId: SessionId;
  title: string;
  files: GitChangeEntry[];
  isStaged: boolean;
  version: string;
  run: (label: string, action: () => Promise<unknown>) => Promise<unknown>;
  /** How many changed paths git listed when the lists show only the first of them (see GitChanges.truncatedFrom). */
  truncatedFrom?: number;
  /** The panel's last failed action (`run`'s label and git's message): shown here when it is one of this list's. */
  failure?: { label: string; message: string } | null;
};

/** Staged or unstaged files with per-file Stage/Unstage/Discard, and their hunks one tap away. */
export function ChangeList({ sessionId, title, files, isStaged, version, run, truncatedFrom, failure = null }: Props) {
  // "Stage all" / "Unstage all" act on every path, not the listed ones: past the first 1,000 the rest stayed behind
  // unseen (and the next commit left them out).
  const [open, setOpen] = useState<string | null>(null);
  // A rename is one entry; staging, unstaging or discarding it takes both of its paths.
  const pathsOf = (file: GitChangeEntry) => (file.oldPath ? [file.oldPath, file.path] : [file.path]);
  const failedAs = (label: string) => (failure?.label === label ? failure.message : null);
  return (
    <section aria-label={title} className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold">
          {title} <span className="font-normal text-stone-500">({files.length})</span>
        </h3>
        <span className="flex-1" />
        {files.length > 0 ? (
          <Button variant="ghost" onClick={() => void run(changeAction(isStaged, null), () => (isStaged ? gitApi.unstageAll(sessionId) : gitApi.stageAll(sessionId)))}>
            {isStaged ? "Unstage all" : "Stage all"}
          </Button>
        ) : null}
      </div>
      <ErrorText message={failedAs(changeAction(isStaged, null))} className="whitespace-pre-wrap text-xs" />
      {files.length === 0 ? <p className="text-xs text-stone-500">{isStaged ? "Nothing staged." : "No unstaged changes."}</p> : null}
      {truncatedFrom !== undefined && files.length > 0 ? (
        <p className="text-xs text-stone-500">
          Git lists {truncatedFrom.toLocaleString("en")} changed paths: these are among the first 1,000. {isStaged ? "Unstage all" : "Stage all"} takes every one of them.
        </p>
      ) : null}
      <ul className="flex flex-col">
        {files.map((file) => (
          <li key={file.path} className="flex flex-col">
            <div className="flex items-center gap-1">
              <button
                type="button"
                aria-expanded={open === file.path}
                aria-label={`${open === file.path ? "Hide" : "Show"} the ${isStaged ? "staged" : "unstaged"} diff of ${file.path}`}
                onClick={() => setOpen(open === file.path ? null : file.path)}
                className="flex min-h-11 min-w-0 flex-1 items-center gap-2 rounded-md px-1 text-left font-mono text-xs hover:bg-stone-100 dark:hover:bg-stone-900"
              >
                <GitStatusLetter letter={file.status} className="w-4 text-stone-500" />
                <span className="flex min-w-0 flex-1">
                  {/* The arrow and its spaces stand apart: at the end of the cut old name, the space before the new one collapsed ("a →b"). */}
                  {file.oldPath ? (
                    <>
                      <span className="min-w-0 shrink-[2] truncate" data-testid="old-path">
                        {file.oldPath}
                      </span>
                      <span className="shrink-0 whitespace-pre">{" → "}</span>
                    </>
                  ) : null}
                  <FilePath path={file.path} />
                </span>
                {file.isBinary || file.isTooLarge ? (
                  <span className="text-stone-500">{file.isBinary ? "binary" : "too large"}</span>
                ) : isUncounted(file) ? (
                  <span className="text-stone-500">new</span>
                ) : (
                  <>
                    {/* Grouped as the session's header groups them: "+200000" beside its "+200,215" read as another number. */}
                    <span className="text-emerald-700 dark:text-emerald-400">+{file.additions.toLocaleString("en-US")}</span>
                    <span className="text-red-700 dark:text-red-400">−{file.deletions.toLocaleString("en-US")}</span>
                  </>
                )}
              </button>
              <Button variant="ghost" aria-label={`${isStaged ? "Unstage" : "Stage"} ${file.path}`} onClick={() => void run(changeAction(isStaged, file.path), () => (isStaged ? gitApi.unstage(sessionId, pathsOf(file)) : gitApi.stage(sessionId, pathsOf(file))))}>
                {isStaged ? "−" : "+"}
              </Button>
              {/* A file in conflict cannot be checked out (git: "path is unmerged"): it is fixed and marked resolved, or the operation aborted. */}
              {isStaged || file.status === "U" ? null : (
                <ConfirmButton label="↺" confirmLabel="Discard" name={`Discard changes to ${file.path}`} onConfirm={() => void run(changeAction(isStaged, file.path), () => gitApi.discard(sessionId, pathsOf(file)))} />
              )}
            </div>
            <ErrorText message={failedAs(changeAction(isStaged, file.path))} className="whitespace-pre-wrap px-1 text-xs" />
            {open === file.path ? <HunkList sessionId={sessionId} path={file.path} oldPath={file.oldPath} isStaged={isStaged} isInConflict={file.status === "U"} version={version} run={run} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A new file with no line to count (empty): "+0 −0" reads as a change of nothing, "new" says what it is. */
const isUncounted = (file: GitChangeEntry) => file.status === "?" && file.additions === 0 && file.deletions === 0;
