import { memo, useCallback, useEffect, useState } from "react";
import type { GitFileDiff, GitHunk, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { errorMessage } from "../../lib/http.ts";
import { ConfirmButton } from "../../components/confirm-button.tsx";
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

/**
 * A file's hunks with Stage/Unstage and Discard per hunk (discard asks first), or per changed line picked in it.
 * Reloads when the git state moves.
 */
export function HunkList({ sessionId, path, oldPath, isStaged, version, run }: Props) {
  const [diff, setDiff] = useState<GitFileDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Changed lines picked per hunk (`index:header`), by their position in its lines; a diff read again drops them. */
  const [picked, setPicked] = useState<Record<string, number[]>>({});
  useEffect(() => {
    let isCurrent = true;
    gitApi.diff(sessionId, path, isStaged, oldPath).then(
      ({ diff: next }) => isCurrent && (setDiff(next), setPicked({}), setError(null)),
      (e: unknown) => isCurrent && setError(errorMessage(e)),
    );
    return () => {
      isCurrent = false;
    };
  }, [sessionId, path, oldPath, isStaged, version]);
  // Stable, so that picking a line re-renders that line alone, not every line of a 10,000-line hunk.
  const toggle = useCallback(
    (key: string, at: number) =>
      setPicked((all) => {
        const now = all[key] ?? [];
        return { ...all, [key]: now.includes(at) ? now.filter((n) => n !== at) : [...now, at] };
      }),
    [],
  );
  if (error) return <p className="px-2 text-xs text-red-700 dark:text-red-400">{error}</p>;
  if (!diff) return <p className="px-2 text-xs text-stone-500">Loading the diff…</p>;
  if (diff.isBinary) return <p className="px-2 text-xs text-stone-500">Binary file: stage or discard it as a whole.</p>;
  if (diff.hunks.length === 0) return <p className="px-2 text-xs text-stone-500">{diff.oldPath ? `Moved from ${diff.oldPath} without changing a line.` : "No line changes (new, untracked or mode-only)."}</p>;
  const act = (hunk: GitHunk, action: "stage" | "unstage" | "discard") => {
    const lines = picked[hunkKey(hunk)] ?? [];
    const which = lines.length > 0 ? { lines } : {};
    return run(`${action} ${lines.length > 0 ? "lines" : "hunk"}`, () => gitApi.hunk(sessionId, { path, ...(diff.oldPath ? { oldPath: diff.oldPath } : {}), index: hunk.index, header: hunk.header, action, ...which }));
  };
  return (
    <>
      {diff.oldPath ? <p className="px-2 text-xs text-stone-500">{renameNote(diff.oldPath, isStaged)}</p> : null}
      <p className="px-2 text-xs text-stone-500">Pick changed lines (tap or click them) to {isStaged ? "unstage" : "stage or discard"} only those.</p>
      <ol className="flex flex-col gap-2" aria-label={`Hunks of ${path}`}>
        {diff.hunks.map((hunk) => {
          const lines = picked[hunkKey(hunk)] ?? [];
          // With lines picked, the buttons act on those lines alone, and say so.
          const what = lines.length > 0 ? `${lines.length === 1 ? "1 line" : `${lines.length} lines`} of hunk ${hunk.index + 1} of ${path}` : `hunk ${hunk.index + 1} of ${path}`;
          const shortWhat = lines.length > 0 ? (lines.length === 1 ? "1 line" : `${lines.length} lines`) : "hunk";
          return (
            <li key={hunkKey(hunk)} className="overflow-hidden rounded-md border border-stone-200 dark:border-stone-800">
              <div className="flex flex-wrap items-center gap-1 bg-stone-100 px-2 dark:bg-stone-900">
                <code className="min-w-0 flex-1 truncate text-xs text-stone-500">{hunk.header}</code>
                <Button variant="ghost" aria-label={`${isStaged ? "Unstage" : "Stage"} ${what}`} onClick={() => void act(hunk, isStaged ? "unstage" : "stage")}>
                  {isStaged ? "Unstage" : "Stage"}
                  {lines.length > 0 ? ` ${shortWhat}` : ""}
                </Button>
                {isStaged ? null : <ConfirmButton key={shortWhat} label={lines.length > 0 ? `Discard ${shortWhat}` : "Discard"} confirmLabel={`Discard ${shortWhat}`} name={`Discard ${what}`} onConfirm={() => void act(hunk, "discard")} />}
              </div>
              <pre className="overflow-x-auto text-xs leading-5" aria-label={`Lines of hunk ${hunk.index + 1}`}>
                {hunk.lines.slice(1).map((line, i) => (
                  <HunkLine key={i} line={line} hunk={hunkKey(hunk)} at={i + 1} isPicked={lines.includes(i + 1)} onToggle={toggle} />
                ))}
              </pre>
            </li>
          );
        })}
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

const hunkKey = (hunk: GitHunk) => `${hunk.index}:${hunk.header}`;

/** A line of a hunk; an added or removed one is a toggle that picks it (`at`, in hunk `hunk`) for the hunk's buttons. */
const HunkLine = memo(function HunkLine({ line, hunk, at, isPicked, onToggle }: { line: string; hunk: string; at: number; isPicked: boolean; onToggle: (hunk: string, at: number) => void }) {
  if (!line.startsWith("+") && !line.startsWith("-")) return <div className={lineClass(line)}>{line || " "}</div>;
  return (
    <button type="button" aria-pressed={isPicked} onClick={() => onToggle(hunk, at)} className={`block w-full min-w-max text-left ${lineClass(line)} ${isPicked ? "font-semibold outline outline-1 -outline-offset-1 outline-accent" : ""}`}>
      {line}
    </button>
  );
});

function lineClass(line: string): string {
  if (line.startsWith("+")) return "bg-emerald-50 px-2 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200";
  if (line.startsWith("-")) return "bg-red-50 px-2 text-red-900 dark:bg-red-950 dark:text-red-200";
  return "px-2";
}
