import { useEffect, useState } from "react";
import type { GitFileDiff, GitHunk, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { errorMessage } from "../../lib/http.ts";
import { ConfirmButton } from "./confirm-button.tsx";
import { gitApi } from "./git-api.ts";

type Props = {
  sessionId: SessionId;
  path: string;
  /** The path a rename came from: its hunks are what changed besides the move. */
  oldPath: string | null;
  isStaged: boolean;
  version: string;
  run: (label: string, action: () => Promise<unknown>) => Promise<unknown>;
};

/** A file's hunks with Stage/Unstage and Discard per hunk (discard asks first). Reloads when the git state moves. */
export function HunkList({ sessionId, path, oldPath, isStaged, version, run }: Props) {
  const [diff, setDiff] = useState<GitFileDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    gitApi.diff(sessionId, path, isStaged, oldPath).then(
      ({ diff: next }) => isCurrent && (setDiff(next), setError(null)),
      (e: unknown) => isCurrent && setError(errorMessage(e)),
    );
    return () => {
      isCurrent = false;
    };
  }, [sessionId, path, oldPath, isStaged, version]);
  if (error) return <p className="px-2 text-xs text-red-700 dark:text-red-400">{error}</p>;
  if (!diff) return <p className="px-2 text-xs text-stone-500">Loading the diff…</p>;
  if (diff.isBinary) return <p className="px-2 text-xs text-stone-500">Binary file: stage or discard it as a whole.</p>;
  if (diff.hunks.length === 0) return <p className="px-2 text-xs text-stone-500">{diff.oldPath ? `Moved from ${diff.oldPath} without changing a line.` : "No line changes (new, untracked or mode-only)."}</p>;
  const act = (hunk: GitHunk, action: "stage" | "unstage" | "discard") =>
    run(`${action} hunk`, () => gitApi.hunk(sessionId, { path, ...(diff.oldPath ? { oldPath: diff.oldPath } : {}), index: hunk.index, header: hunk.header, action }));
  return (
    <>
      {diff.oldPath ? <p className="px-2 text-xs text-stone-500">{renameNote(diff.oldPath, isStaged)}</p> : null}
      <ol className="flex flex-col gap-2" aria-label={`Hunks of ${path}`}>
        {diff.hunks.map((hunk) => (
          <li key={`${hunk.index}:${hunk.header}`} className="overflow-hidden rounded-md border border-stone-200 dark:border-stone-800">
            <div className="flex flex-wrap items-center gap-1 bg-stone-100 px-2 dark:bg-stone-900">
              <code className="min-w-0 flex-1 truncate text-xs text-stone-500">{hunk.header}</code>
              <Button variant="ghost" aria-label={`${isStaged ? "Unstage" : "Stage"} hunk ${hunk.index + 1} of ${path}`} onClick={() => void act(hunk, isStaged ? "unstage" : "stage")}>
                {isStaged ? "Unstage" : "Stage"}
              </Button>
              {isStaged ? null : <ConfirmButton label="Discard" confirmLabel="Discard hunk" name={`Discard hunk ${hunk.index + 1} of ${path}`} onConfirm={() => void act(hunk, "discard")} />}
            </div>
            <pre className="overflow-x-auto text-xs leading-5">
              {hunk.lines.slice(1).map((line, i) => (
                <div key={i} className={lineClass(line)}>
                  {line || " "}
                </div>
              ))}
            </pre>
          </li>
        ))}
      </ol>
    </>
  );
}

/** What a hunk button does to a rename, which is not what it does to a file changed in place. */
function renameNote(oldPath: string, isStaged: boolean): string {
  return isStaged
    ? `Moved from ${oldPath}: these are the lines changed besides the move. Unstaging a hunk keeps the move staged.`
    : `Moved from ${oldPath}, not staged yet: staging a hunk stages the move with it; discarding one changes only this file.`;
}

function lineClass(line: string): string {
  if (line.startsWith("+")) return "bg-emerald-50 px-2 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200";
  if (line.startsWith("-")) return "bg-red-50 px-2 text-red-900 dark:bg-red-950 dark:text-red-200";
  return "px-2";
}
