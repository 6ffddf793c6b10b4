import { useCallback, useEffect, useRef, useState } from "react";
import type { GitFileDiff, GitHunk, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { sizesText } from "../../lib/format-bytes.ts";
import { errorMessage } from "../../lib/http.ts";
import { ConfirmButton } from "../../components/confirm-button.tsx";
import { gitApi } from "./git-api.ts";
import { HunkLines, pickedAfterClick } from "./hunk-lines.tsx";
import { hunkAction } from "./change-action.ts";
import { ErrorText } from "../../components/error-text.tsx";

type Props = {
  sessionId: SessionId;
  path: string;
  /** The path a rename came from: its hunks are what changed besides the move. */
  oldPath: string | null;
  isStaged: boolean;
  /** A file in conflict: its diff shows the conflict markers, fixed in the editor and marked resolved, not staged a hunk at a time. */
  isInConflict?: boolean;
  version: string;
  run: (label: string, action: () => Promise<unknown>) => Promise<unknown>;
};

/**
 * A file's hunks with Stage/Unstage and Discard per hunk (discard asks first), or per changed line picked in it.
 * Reloads when the git state moves, and when an action on a hunk is refused (the file may have changed on disk).
 */
export function HunkList({ sessionId, path, oldPath, isStaged, isInConflict = false, version, run }: Props) {
  const [diff, setDiff] = useState<GitFileDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Changed lines picked per hunk (`index:header`), by their position in its lines; a diff read again drops them. */
  const [picked, setPicked] = useState<Record<string, number[]>>({});
  const [refusals, setRefusals] = useState<HunkRefusals>({ hunkCount: 0, byIndex: {} });
  /** The newest read of the diff: the answer to an older one (the props moved on since) is dropped. */
  const newestRead = useRef(0);
  const reload = useCallback(() => {
    const read = ++newestRead.current;
    gitApi.diff(sessionId, path, isStaged, oldPath).then(
      ({ diff: next }) => read === newestRead.current && (setDiff(next), setPicked({}), setError(null)),
      (e: unknown) => read === newestRead.current && setError(errorMessage(e)),
    );
  }, [sessionId, path, oldPath, isStaged]);
  // Read again when the git state moves; a refused action reads it again too (see `act`).
  useEffect(() => {
    reload();
    return () => {
      newestRead.current += 1;
    };
  }, [reload, version]);
  // Stable, so that picking a line re-renders that line alone, not every line of a 10,000-line hunk.
  // The diff changes only when it is read again, which drops the picks anyway.
  const clickLine = useCallback(
    (key: string, at: number, isExtending: boolean) => {
      const lines = diff?.hunks.find((hunk) => hunkKey(hunk) === key)?.lines ?? [];
      setPicked((all) => ({ ...all, [key]: pickedAfterClick(lines, all[key] ?? [], at, isExtending) }));
    },
    [diff],
  );
  const clear = (key: string) => setPicked((all) => ({ ...all, [key]: [] }));
  if (error) return <p className="px-2 text-xs text-red-700 dark:text-red-400">{error}</p>;
  if (!diff) return <p className="px-2 text-xs text-stone-500">Loading the diff…</p>;
  if (diff.isBinary) return <BinaryNote sizes={diff.sizes} />;
  if (diff.hunks.length === 0) return <p className="px-2 text-xs text-stone-500">{diff.oldPath ? `Moved from ${diff.oldPath} without changing a line.` : "No line changes (an empty file, or only its mode changed)."}</p>;
  const act = (hunk: GitHunk, action: "stage" | "unstage" | "discard") => {
    const lines = picked[hunkKey(hunk)] ?? [];
    const which = lines.length > 0 ? { lines: [...lines].sort((x, y) => x - y) } : {};
    const input = { path, ...(diff.oldPath ? { oldPath: diff.oldPath } : {}), index: hunk.index, header: hunk.header, action, ...which };
    const hunkCount = diff.hunks.length;
    return run(hunkAction(isStaged, path, hunk.index), async () => {
      try {
        const done = await gitApi.hunk(sessionId, input);
        setRefusals((all) => withRefusal(all, hunkCount, hunk.index, null));
        return done;
      } catch (e) {
        setRefusals((all) => withRefusal(all, hunkCount, hunk.index, errorMessage(e)));
        // The diff may have changed on disk with the same counts (the git state did not move): read it as it is now,
        // or the panel kept offering the hunk git had just refused.
        reload();
        throw e;
      }
    });
  };
  const refusedAt = refusals.hunkCount === diff.hunks.length ? refusals.byIndex : {};
  return (
    <>
      {diff.oldPath ? <p className="px-2 text-xs text-stone-500">{renameNote(diff.oldPath, isStaged)}</p> : null}
      {diff.encoding === "windows-1252" ? <p className="px-2 text-xs text-stone-500">Shown as Windows-1252: this file is not UTF-8.</p> : null}
      <p className="px-2 text-xs text-stone-500">
        {isInConflict
          ? "In conflict: these are its conflict markers. Fix them in the editor, then mark the file resolved (above)."
          : `Pick changed lines to ${isStaged ? "unstage" : "stage or discard"} only those: tap a line, then the last line of a range (Shift-click with a mouse).`}
      </p>
      <ol className="flex flex-col gap-2" aria-label={`Hunks of ${path}`}>
        {diff.hunks.map((hunk) => {
          const lines = picked[hunkKey(hunk)] ?? [];
          // With lines picked, the buttons act on those lines alone, and say so.
          const what = lines.length > 0 ? `${lines.length === 1 ? "1 line" : `${lines.length} lines`} of hunk ${hunk.index + 1} of ${path}` : `hunk ${hunk.index + 1} of ${path}`;
          const shortWhat = lines.length > 0 ? (lines.length === 1 ? "1 line" : `${lines.length} lines`) : "hunk";
          return (
            // overflow-clip, not -hidden: the header's buttons stay in reach (sticky) all through a long hunk.
            <li key={hunkKey(hunk)} className="overflow-clip rounded-md border border-stone-200 dark:border-stone-800">
              <div className="sticky top-0 z-10 flex flex-wrap items-center gap-1 bg-stone-100 px-2 dark:bg-stone-900">
                {/* A basis, so on a phone the buttons wrap below the header instead of squeezing it to nothing. */}
                <code className="min-w-0 flex-1 basis-40 truncate text-xs text-stone-500">{hunk.header}</code>
                {/* git applies no hunk of a conflict's combined diff ("No valid patches in input"). */}
                {isInConflict ? null : (
                  <>
                    {lines.length > 0 ? (
                      <Button variant="ghost" aria-label={`Clear the lines picked in hunk ${hunk.index + 1} of ${path}`} onClick={() => clear(hunkKey(hunk))}>
                        Clear
                      </Button>
                    ) : null}
                    <Button variant="ghost" aria-label={`${isStaged ? "Unstage" : "Stage"} ${what}`} onClick={() => void act(hunk, isStaged ? "unstage" : "stage")}>
                      {isStaged ? "Unstage" : "Stage"}
                      {lines.length > 0 ? ` ${shortWhat}` : ""}
                    </Button>
                    {/* A new file's lines picked apart are no patch git discards: it goes whole, or its lines are edited out. */}
                    {isStaged || (diff.isNew && lines.length > 0) ? null : <ConfirmButton key={shortWhat} label={lines.length > 0 ? `Discard ${shortWhat}` : "Discard"} confirmLabel={`Discard ${shortWhat}`} name={`Discard ${what}`} onConfirm={() => void act(hunk, "discard")} />}
                  </>
                )}
              </div>
              <ErrorText message={refusedAt[hunk.index] ?? null} className="whitespace-pre-wrap px-2 text-xs" />
              <HunkLines hunk={hunkKey(hunk)} index={hunk.index} lines={hunk.lines} picked={lines} onClickLine={isInConflict ? undefined : clickLine} />
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** A binary file has no hunks: what changed is said by each side's size, and it is staged or discarded whole. */
function BinaryNote({ sizes }: { sizes: GitFileDiff["sizes"] }) {
  const text = sizes ? sizesText(sizes) : "";
  return (
    <div className="px-2 text-xs text-stone-500">
      <p>Binary file: stage or discard it as a whole.</p>
      {text ? <p data-testid="side-sizes" className="text-stone-700 dark:text-stone-300">{text}</p> : null}
    </div>
  );
}

/** What a hunk button does to a rename, which is not what it does to a file changed in place. */
function renameNote(oldPath: string, isStaged: boolean): string {
  return isStaged
    ? `Moved from ${oldPath}: these are the lines changed besides the move. Unstaging a hunk keeps the move staged.`
    : `Moved from ${oldPath}, not staged yet: staging a hunk stages the move with it; discarding one changes only this file.`;
}

/**
 * Refused hunk actions (a file changed since its diff was shown, a patch git would not apply), by the hunk's position,
 * shown beside that hunk until its next action succeeds. Positions hold while the diff keeps its number of hunks: once
 * a hunk is staged or a new one appears, they name other hunks, and the refusals are dropped.
 */
type HunkRefusals = { hunkCount: number; byIndex: Record<number, string> };

/** The refusals once hunk `index` of a diff of `hunkCount` hunks was refused with `message`, or done (null). */
function withRefusal(refusals: HunkRefusals, hunkCount: number, index: number, message: string | null): HunkRefusals {
  const { [index]: _, ...others } = refusals.hunkCount === hunkCount ? refusals.byIndex : {};
  return { hunkCount, byIndex: message === null ? others : { ...others, [index]: message } };
}

const hunkKey = (hunk: GitHunk) => `${hunk.index}:${hunk.header}`;
