import { useEffect, useLayoutEffect, useState } from "react";
import type { SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ConfirmButton } from "../../components/confirm-button.tsx";
import { DownloadLink } from "../../components/download-link.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { LazyDiffViewer } from "../diff/index.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { errorMessage } from "../../lib/http.ts";
import { docKey, useWorkbenchRevision, useWorkbenchStore } from "../../stores/workbench-store.ts";
import { ConflictChoices } from "./conflict-choices.tsx";
import { LazyCodeEditor } from "./lazy-code-editor.tsx";
import { useFileDocument, type Conflict } from "./use-file-document.ts";
import { dateAndTime } from "../../lib/when.ts";

/** A file of the session in the editor: auto-saved, with a clear choice when the file changed on disk meanwhile. */
export function FileEditor({ sessionId, path }: { sessionId: SessionId; path: string }) {
  const doc = useFileDocument(sessionId, path);
  const closeDoc = useWorkbenchStore((s) => s.closeDoc);
  const isDark = typeof document !== "undefined" && document.documentElement.classList.contains("dark");
  // A layout effect: it runs as the render reaches the page, so a key pressed once "Read-only" shows finds the handler
  // of that render (a passive effect ran later, and the key meanwhile found the last render's, which saved the file).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key === "s") {
        e.preventDefault();
        // A file gone from the branch is created only by its own button, never by a habit of the fingers.
        if (!doc.isMissing) void doc.save(doc.text);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [doc]);
  if (doc.error && !doc.file) return <ErrorText message={doc.error} className="p-3" />;
  if (!doc.file) return <p className="p-3 text-sm text-stone-500">Opening {path}…</p>;
  if (doc.file.notice) return <NotOpened sessionId={sessionId} path={path} notice={doc.file.notice} />;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex min-h-8 items-center gap-2 border-b border-stone-200 px-2 text-xs text-stone-500 dark:border-stone-800">
        <span className="min-w-0 flex-1 truncate font-mono">{path}</span>
        <span data-testid="save-status">{doc.isMissing ? "Read-only" : doc.conflict ? "Not saved" : doc.status === "saving" ? "Saving…" : doc.isDirty ? "Unsaved" : doc.status === "saved" ? "Saved" : ""}</span>
      </div>
      {doc.isMissing && doc.restoredAt === null ? <MissingBar sessionId={sessionId} path={path} onCreate={() => void doc.save(doc.text, true)} /> : null}
      {doc.conflict ? <ConflictBar sessionId={sessionId} path={path} conflict={doc.conflict} mine={doc.text} onReload={doc.discard} onOverwrite={() => void doc.save(doc.text, true)} /> : null}
      {doc.restoredAt !== null ? (
        <RestoredBar
          path={path}
          keptAt={doc.restoredAt}
          isDeletedOnDisk={doc.isMissing}
          canSave={!doc.conflict}
          onSave={() => void doc.save(doc.text)}
          // Edits of a file deleted on disk leave nothing to show once thrown away: the tab goes with them.
          onDiscard={() => (doc.discard(), doc.isMissing && closeDoc(sessionId, docKey({ kind: "file", path })))}
        />
      ) : null}
      {doc.error ? <ErrorText message={doc.error} className="px-3 py-1" /> : null}
      <ConflictChoices text={doc.text} onResolve={doc.edit} />
      <div className="min-h-0 flex-1 overflow-hidden">
        <LazyCodeEditor path={path} value={doc.text} onChange={doc.edit} isReadOnly={doc.isMissing} isDark={isDark} />
      </div>
    </div>
  );
}

/** Exported for tests. A file the editor does not open (too large, binary, not UTF-8): why, and the file itself to download. */
export function NotOpened({ sessionId, path, notice }: { sessionId: SessionId; path: string; notice: string }) {
  return (
    <div className="m-3 flex flex-col items-start gap-2 text-sm">
      <p role="status" className="rounded-lg bg-amber-50 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
        {notice}
      </p>
      <DownloadLink href={workbenchApi.downloadUrl(sessionId, path)} label={`Download ${path.split("/").pop() ?? path} as it is on disk`} />
    </div>
  );
}

/**
 * Exported for tests. The open file is gone from the worktree (most often a branch switch): the editor shows its last
 * text read-only, and the way out is to close it or to create it here on purpose.
 */
export function MissingBar({ sessionId, path, onCreate }: { sessionId: SessionId; path: string; onCreate: () => void }) {
  const closeDoc = useWorkbenchStore((s) => s.closeDoc);
  return (
    <div role="alert" className="flex flex-col gap-2 border-b border-amber-300 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p>{path} is not on this branch now (a branch switch, a delete or a rename took it). Below is its text as it was, read-only.</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" aria-label={`Close ${path}`} onClick={() => closeDoc(sessionId, docKey({ kind: "file", path }))}>
          Close
        </Button>
        <Button aria-label={`Create it on this branch: ${path}, with this text`} onClick={onCreate}>
          Create it on this branch
        </Button>
      </div>
    </div>
  );
}

/**
 * Edits this device kept when the page went away (a phone discarding the tab, a reload) are back, not saved yet: the
 * user may not remember them, so they wait to be saved or thrown away (a keystroke saves them too, as ever). Those of a
 * file deleted on disk since are shown read-only: Save creates the file again with them, Discard lets both go.
 */
function RestoredBar(props: { path: string; keptAt: number; isDeletedOnDisk: boolean; canSave: boolean; onSave: () => void; onDiscard: () => void }) {
  const when = dateAndTime(props.keptAt);
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 border-b border-sky-200 bg-sky-50 p-2 text-sm text-sky-950 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100">
      <p className="min-w-0 flex-1 basis-60">
        <strong>Unsaved changes restored.</strong> This device kept your edits of {props.path} ({when}); they are not on disk yet.
        {props.isDeletedOnDisk ? <> The file was deleted on disk since: Save creates it again with your edits, Discard lets them go.</> : null}
      </p>
      <div className="flex gap-2">
        {props.canSave ? (
          <Button variant="primary" aria-label={props.isDeletedOnDisk ? `Save the restored changes, creating ${props.path} again` : `Save the restored changes to ${props.path}`} onClick={props.onSave}>
            Save
          </Button>
        ) : null}
        <ConfirmButton variant="secondary" label="Discard" confirmLabel="Throw away my edits" name={`Discard the restored changes to ${props.path}`} onConfirm={props.onDiscard} />
      </div>
    </div>
  );
}

/** Exported for tests. Compare shows the disk's text against the user's, read again whenever the file changes on disk. */
export function ConflictBar(props: { sessionId: SessionId; path: string; conflict: Conflict; mine: string; onReload: () => void; onOverwrite: () => void }) {
  const { sessionId, path } = props;
  const [isComparing, setComparing] = useState(false);
  const [disk, setDisk] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revision = useWorkbenchRevision(sessionId, "files");
  useEffect(() => {
    if (!isComparing) return;
    let isCurrent = true;
    workbenchApi.open(sessionId, path).then(
      ({ file }) => isCurrent && (setDisk(file.content ?? ""), setError(null)),
      (e: unknown) => isCurrent && setError(errorMessage(e)),
    );
    return () => {
      isCurrent = false;
    };
  }, [isComparing, revision, sessionId, path]);
  const toggleCompare = () => {
    setComparing(!isComparing);
    setDisk(null);
    setError(null);
  };
  return (
    <div role="alert" className="flex flex-col gap-2 border-b border-amber-300 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p>{props.conflict.message} Your edits are kept here until you choose.</p>
      <div className="flex flex-wrap gap-2">
        {props.conflict.isDeleted ? null : (
          <ConfirmButton variant="secondary" label="Reload from disk" confirmLabel="Throw away my edits" name={`Reload from disk: ${path}, throwing away your edits`} onConfirm={props.onReload} />
        )}
        {props.conflict.isDeleted ? (
          <ConfirmButton variant="secondary" label="Save it again" confirmLabel="Create it again" name={`Save it again: ${path}, created anew with your edits`} onConfirm={props.onOverwrite} />
        ) : (
          <ConfirmButton variant="secondary" label="Overwrite with mine" confirmLabel="Replace the disk's version" name={`Overwrite with mine: ${path}, replacing the change on disk`} onConfirm={props.onOverwrite} />
        )}
        {props.conflict.isDeleted ? null : <Button aria-pressed={isComparing} onClick={toggleCompare}>Compare</Button>}
      </div>
      {error ? <ErrorText message={error} /> : null}
      {disk !== null ? <LazyDiffViewer label="On disk → yours" path={props.path} before={disk} after={props.mine} /> : null}
    </div>
  );
}
