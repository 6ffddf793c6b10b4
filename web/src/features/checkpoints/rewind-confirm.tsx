import type { Checkpoint, RewindPreview } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { lowerFirst } from "../../lib/lower-first.ts";

/**
 * What rewinding to a checkpoint does, in words: "Rewind files to before “Fix the test”", or, for the point saved
 * before a rewind (labelled "Before rewinding to …"), "Rewind files to how they were before rewinding to …".
 */
export function rewindText(checkpoint: Checkpoint): string {
  const { kind, label } = checkpoint;
  return kind === "before-rewind" ? `Rewind files to how they were ${lowerFirst(label)}` : `Rewind files to before “${label}”`;
}

/**
 * A rewind puts files back but leaves HEAD where it is: after a commit the files it changes back read as uncommitted
 * changes against that commit, which the user should know before, not find in the Changes panel after.
 */
export function headMoveText({ commits }: NonNullable<RewindPreview["headMove"]>): string {
  const since = commits === null ? "The branch has moved since this checkpoint (another branch, a reset or an amend)." : `${commits === 1 ? "A commit was" : `${commits} commits were`} made since this checkpoint.`;
  return `${since} Rewinding changes the files, not the commits: what it changes back shows as uncommitted changes.`;
}

/**
 * Files the rewind deletes that no Claude turn wrote (made by hand between or after its turns): listed as "deleted" among
 * Claude's, they read as Claude's work being undone, so they are named before the user confirms.
 */
export function madeByHandText(files: RewindPreview["files"]): string | null {
  const paths = files.filter((file) => file.isMadeAfterClaude).map((file) => file.path);
  if (paths.length === 0) return null;
  const named = paths.length <= 3 ? paths.join(", ") : `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more`;
  return `${paths.length === 1 ? "1 file" : `${paths.length} files`} it deletes ${paths.length === 1 ? "was" : "were"} made between or after Claude's turns, not by Claude: ${named}. The undo point keeps ${paths.length === 1 ? "it" : "them"}.`;
}

const CHANGE_LABELS: Record<RewindPreview["files"][number]["change"], string> = { restored: "restored", deleted: "deleted", recreated: "brought back" };

/** Shows what a rewind will change (files and the diff) and asks before doing it; a refused rewind says why here. */
export function RewindConfirm({ preview, isBusy, error, onConfirm, onCancel }: { preview: RewindPreview; isBusy: boolean; error: string | null; onConfirm: () => void; onCancel: () => void }) {
  const count = preview.files.length;
  const madeByHand = madeByHandText(preview.files);
  return (
    <div role="alertdialog" aria-label="Confirm rewind" className="space-y-2 rounded-lg border-2 border-amber-400 bg-amber-50 p-3 dark:bg-amber-950/40">
      <p className="text-sm font-medium">{rewindText(preview.checkpoint)}?</p>
      {count === 0 ? (
        <p className="text-sm">The files already match this checkpoint; nothing would change.</p>
      ) : (
        <>
          <p className="text-xs">{count} {count === 1 ? "file changes" : "files change"}. What is there now is saved first, so you can undo this.</p>
          {preview.headMove ? <p role="note" className="text-xs">{headMoveText(preview.headMove)}</p> : null}
          {madeByHand ? <p className="text-xs font-medium">{madeByHand}</p> : null}
          <ul aria-label="Files that change" className="max-h-40 overflow-y-auto font-mono text-xs">
            {preview.files.map((file) => (
              <li key={file.path} className="flex gap-2">
                <span className={file.change === "deleted" ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}>{CHANGE_LABELS[file.change]}</span>
                <span className="min-w-0 truncate">{file.path}</span>
                {file.isMadeAfterClaude ? <span className="shrink-0 text-neutral-600 dark:text-neutral-400">not Claude's</span> : null}
              </li>
            ))}
          </ul>
          <details>
            <summary className="min-h-11 cursor-pointer py-2 text-xs">Show the diff{preview.isTruncated ? " (shortened)" : ""}</summary>
            <pre className="max-h-64 overflow-auto whitespace-pre text-[11px]">{preview.patch}</pre>
          </details>
        </>
      )}
      <div className="flex gap-2">
        <Button variant="danger" disabled={isBusy || count === 0} onClick={onConfirm}>{isBusy ? "Rewinding…" : "Rewind files"}</Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
      <ErrorText message={error} />
    </div>
  );
}
