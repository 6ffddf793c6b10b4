import { useEffect, useRef, useState, type RefObject } from "react";
import type { ChangeList, ChangeScope, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { SendCommentsBar, useReviewComments } from "../review/index.ts";
import { FileDiff, hasTextDiff, LoadedFileDiff, useFileSides } from "./file-diff.tsx";
import { ChangesPathFilter, count } from "./changes-path-filter.tsx";
import { useChangePages, type ChangePages } from "./use-change-pages.ts";
import { useChangedFile } from "./use-changes.ts";
import { useDiffMode } from "./use-diff-mode.ts";
import { WhenNear } from "./when-near.tsx";

function ModeToggle({ mode, onMode }: { mode: "unified" | "split"; onMode: (m: "unified" | "split") => void }) {
  return (
    <div role="radiogroup" aria-label="Diff layout" className="flex gap-1">
      {(["unified", "split"] as const).map((m) => (
        <button key={m} type="button" role="radio" aria-checked={mode === m} onClick={() => onMode(m)} className={`min-h-11 min-w-11 rounded-md px-2 text-xs mouse:min-h-8 mouse:min-w-0 ${mode === m ? "bg-stone-200 font-semibold dark:bg-stone-800" : ""}`}>
          {m === "unified" ? "Unified" : "Split"}
        </button>
      ))}
    </div>
  );
}

/** Puts a deleted file back as it was before; the diff then reloads with the session's git state (and this goes). */
function RestoreDeleted({ sessionId, scope, path, onError }: { sessionId: SessionId; scope: ChangeScope; path: string; onError: (message: string | null) => void }) {
  const [isBusy, setBusy] = useState(false);
  const restore = () => {
    setBusy(true);
    onError(null);
    workbenchApi.restoreDeleted(sessionId, scope, path).then(
      () => setBusy(false),
      (e: unknown) => (setBusy(false), onError(errorMessage(e))),
    );
  };
  return (
    <Button variant="secondary" className="text-xs mouse:min-h-8" aria-label={`Restore ${path} as it was before it was deleted`} disabled={isBusy} onClick={restore}>
      {isBusy ? "Restoring…" : "Restore"}
    </Button>
  );
}

/**
 * One file's diff in a side-panel tab, with the review bar on top; the layout toggle only where there are lines to lay
 * out, and Restore for a deleted file.
 */
export function DiffDoc({ sessionId, path, oldPath: openedOldPath, scope }: { sessionId: SessionId; path: string; oldPath: string | null; scope: ChangeScope }) {
  const [mode, setMode] = useDiffMode();
  const oldPath = useCurrentOldPath(sessionId, scope, path, openedOldPath);
  const { comments, orphans, dismissOrphan } = useReviewComments(sessionId);
  const loaded = useFileSides(sessionId, scope, path, oldPath);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  return (
    <div className="flex h-full min-h-0 flex-col">
      <SendCommentsBar sessionId={sessionId} comments={comments} orphans={orphans} onOrphanDone={dismissOrphan} />
      <div className="flex min-h-11 items-center gap-2 border-b border-stone-200 px-2 mouse:min-h-8 dark:border-stone-800">
        <span className="min-w-0 flex-1 truncate font-mono text-xs">{oldPath ? `${oldPath} → ${path}` : path}</span>
        {loaded.sides?.isDeleted ? <RestoreDeleted sessionId={sessionId} scope={scope} path={path} onError={setRestoreError} /> : null}
        {loaded.sides && hasTextDiff(loaded.sides) ? <ModeToggle mode={mode} onMode={setMode} /> : null}
      </div>
      <ErrorText message={restoreError} />
      <div className="min-h-0 flex-1">
        <LoadedFileDiff sessionId={sessionId} path={path} oldPath={oldPath} scope={scope} mode={mode} comments={comments} isFilling loaded={loaded} />
      </div>
    </div>
  );
}

/**
 * Where the file came from as the scope's listing says now, or as it was when the tab was opened until the listing is
 * in. A tab stays open while files move: opened on a new file that became a rename (its old path deleted since), or
 * on a rename undone since (the old path back), it would show a diff against a file that is not its source.
 */
function useCurrentOldPath(sessionId: SessionId, scope: ChangeScope, path: string, opened: string | null): string | null {
  // Looked up by the exact path: the whole listing stops at 2,000 files, and a part of the path matches other files too.
  const entry = useChangedFile(sessionId, scope, path).data;
  return entry ? entry.oldPath : opened;
}

/** Height kept for a file's diff before it is loaded: its changed lines, within what the capped viewer shows. */
const placeholderHeight = (file: ChangeList["files"][number]) => 28 + Math.min(384, 20 * Math.max(3, (file.additions ?? 0) + (file.deletions ?? 0) + 6));

/**
 * The whole session's diff: every changed file one after another, each with its comments. Each file's diff is
 * fetched and rendered when it scrolls near, so hundreds of files open as fast as a few; past the 2,000 files a page
 * holds, the next page loads as the end scrolls near (or on its button), and a filter by path finds any file at once.
 */
export function SessionDiffDoc({ sessionId, scope }: { sessionId: SessionId; scope: ChangeScope }) {
  const [mode, setMode] = useDiffMode();
  const { comments, orphans, dismissOrphan } = useReviewComments(sessionId);
  const [pathFilter, setPathFilter] = useState<string | null>(null);
  const pages = useChangePages(sessionId, scope, pathFilter);
  const scroller = useRef<HTMLDivElement>(null);
  const { first, files } = pages;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <SendCommentsBar sessionId={sessionId} comments={comments} orphans={orphans} onOrphanDone={dismissOrphan} />
      <div className="flex min-h-11 items-center gap-2 border-b border-stone-200 px-2 mouse:min-h-8 dark:border-stone-800">
        <span className="flex-1 text-xs" data-testid="review-count">{first ? reviewCount(pages) : "Loading…"}</span>
        {/* A list of binary files (pictures, archives) has no lines to lay out; the ones too large to show say so each. */}
        {files.some((file) => !file.isBinary && !file.isTooLarge) ? <ModeToggle mode={mode} onMode={setMode} /> : null}
      </div>
      {first && (first.isTruncated || first.pathFilter) ? <ChangesPathFilter key={scope} list={first} onFilter={setPathFilter} counted={null} /> : null}
      <ErrorText message={pages.error} className="p-2" />
      <div ref={scroller} className="min-h-0 flex-1 space-y-3 overflow-y-auto p-2">
        {files.map((file) => (
          <section key={file.path} aria-label={file.path}>
            <h3 className="sticky top-0 z-10 bg-stone-50 py-1 font-mono text-xs font-semibold dark:bg-stone-950">{file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}</h3>
            {/* A binary file's diff is fetched too: an image shows as pictures, anything else says why there is no diff. */}
            <WhenNear root={scroller} placeholderHeight={placeholderHeight(file)}>
              <FileDiff sessionId={sessionId} path={file.path} oldPath={file.oldPath} scope={scope} mode={mode} comments={comments} />
            </WhenNear>
          </section>
        ))}
        {pages.hasMore ? <NextPage key={files.length} pages={pages} root={scroller} /> : null}
      </div>
    </div>
  );
}

/** "2,000 of 3,000 changed files" while pages are left; how many match a filter; else how many there are. */
function reviewCount({ first, files, totalCount, hasMore }: ChangePages): string {
  const matching = first?.pathFilter ? ` whose path holds “${first.pathFilter}”` : "";
  const noun = totalCount === 1 ? "changed file" : "changed files";
  return hasMore ? `${count(files.length)} of ${count(totalCount)} ${noun}${matching}` : `${count(totalCount)} ${noun}${matching}`;
}

/** The end of the loaded files: loads the next page as it scrolls near, or when its button is pressed. */
function NextPage({ pages, root }: { pages: ChangePages; root: RefObject<HTMLDivElement | null> }) {
  const next = Math.min(2_000, pages.totalCount - pages.files.length);
  return (
    <div className="flex flex-col items-start gap-2 p-2">
      <Button onClick={pages.loadMore} disabled={pages.isLoadingMore}>
        {pages.isLoadingMore ? "Loading the next files…" : `Load the next ${count(next)} files`}
      </Button>
      <WhenNear root={root} placeholderHeight={1} margin={400}>
        <LoadOnSight onSight={pages.loadMore} />
      </WhenNear>
    </div>
  );
}

/** Calls `onSight` once, when it is rendered (inside a WhenNear: when the end scrolls near). */
function LoadOnSight({ onSight }: { onSight: () => void }) {
  const isCalled = useRef(false);
  useEffect(() => {
    if (isCalled.current) return;
    isCalled.current = true;
    onSight();
  }, [onSight]);
  return null;
}
