import { useCallback, useEffect, useRef, useState } from "react";
import { saveConflictChoices, type OpenedFile, type SessionId } from "../../../../shared/index.ts";
import { ApiError, errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { useWorkbenchRevision, useWorkbenchStore } from "../../stores/workbench-store.ts";
import { forgetKeptEdit, keepEdit, readKeptEdit, type KeptEdit } from "./unsaved-edits.ts";

/** Unsaved edits are written this long after the last keystroke. */
export const AUTO_SAVE_MS = 800;

/** A save the server refused because the file changed (or vanished) on disk since it was opened. */
export type Conflict = { message: string; isDeleted: boolean };

/** Edits an editor still held when it closed, and the file version they were made on. */
type LeftEdits = { text: string; baseVersion: string | null };

/**
 * What editors that closed with unsaved edits left behind, by `sessionId\0path`: the save they started as they closed
 * (a reopened editor waits for it before reading the file) and, when that save could not be made (the file changed on
 * disk, the server was unreachable), the edits themselves, which the reopened editor shows again with the conflict.
 * Only the open document's editor is mounted, so switching tabs closes one: it must not cost the last keystrokes.
 */
const closingSaves = new Map<string, Promise<void>>();
const leftEdits = new Map<string, LeftEdits>();

function conflictOf(e: unknown): Conflict | null {
  if (!(e instanceof ApiError) || e.code !== "conflict") return null;
  return { message: e.message, isDeleted: Boolean((e.details as { isDeleted?: boolean } | undefined)?.isDeleted) };
}

/** One file open in the editor: its text, dirty flag, auto-save, and conflict handling (reload / overwrite). */
export function useFileDocument(sessionId: SessionId, path: string) {
  const [file, setFile] = useState<OpenedFile | null>(null);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  /**
   * The file was open, clean, and is gone from disk now (a branch switch, a delete, a rename): the editor keeps its
   * last text read-only, so that a keystroke and its auto-save do not recreate the file on a branch it is not on.
   */
  const [isMissing, setMissing] = useState(false);
  /** When the unsaved edits shown were kept by this device before the page was closed or reloaded (ADR 0160). */
  const [restoredAt, setRestoredAtState] = useState<number | null>(null);
  const isRestored = useRef(false);
  const setRestoredAt = useCallback((at: number | null) => {
    isRestored.current = at !== null;
    setRestoredAtState(at);
  }, []);
  const hasOpened = useRef(false);
  const [status, setStatus] = useState<"idle" | "saving" | "saved">("idle");
  const [isDirtyNow, setDirtyNow] = useState(false);
  const [loads, setLoads] = useState(0);
  const [checks, setChecks] = useState(0);
  /** Saves started so far: a check of the disk that overlapped one of them cannot tell its write from another's. */
  const savesStarted = useRef(0);
  /** Edits so far: a read of the disk that overlapped one is older than the editor's text and must not replace it. */
  const edits = useRef(0);
  const version = useRef<string | null>(null);
  /** The editor's text while it differs from what was last read or saved; null when the disk has it. */
  const unsaved = useRef<string | null>(null);
  const hasConflict = useRef(false);
  /** The last save failed for a reason other than a conflict (most often the server was out of reach). */
  const hasFailedSave = useRef(false);
  /** Saves run one after another, each on the version the one before it wrote. */
  const saving = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const setDirtyFlag = useWorkbenchStore((s) => s.setDirty);
  const revision = useWorkbenchRevision(sessionId, "files");
  const key = `${sessionId}\0${path}`;

  const markDirty = useCallback(
    (dirty: boolean) => {
      setDirtyNow(dirty);
      setDirtyFlag(sessionId, path, dirty);
    },
    [sessionId, path, setDirtyFlag],
  );
  const showConflict = (next: Conflict | null) => {
    hasConflict.current = next !== null;
    setConflict(next);
  };

  /** Writes `content` (queued behind any save still running); on success the editor is clean unless typed in since. */
  const save = useCallback(
    (content: string, isForced = false): Promise<void> => {
      if (timer.current) clearTimeout(timer.current);
      setStatus("saving");
      savesStarted.current += 1;
      const run = async () => {
        try {
          const { saved } = await workbenchApi.save(sessionId, { path, content, baseVersion: version.current, isForced });
          version.current = saved.version;
          hasFailedSave.current = false;
          setError(null);
          showConflict(null);
          setMissing(false);
          setStatus("saved");
          if (unsaved.current === content) {
            unsaved.current = null;
            markDirty(false);
            forgetKeptEdit(sessionId, path);
            setRestoredAt(null);
          } else if (unsaved.current !== null) keepEdit(sessionId, path, unsaved.current, version.current);
        } catch (e) {
          setStatus("idle");
          const refused = conflictOf(e);
          if (refused) showConflict(refused);
          else {
            hasFailedSave.current = true;
            setError(errorMessage(e));
          }
        }
      };
      saving.current = saving.current.then(run);
      return saving.current;
    },
    [sessionId, path, markDirty, setRestoredAt],
  );

  // Loads (and reloads) the file from disk whenever `loads` changes, after the save of an editor of this file that
  // just closed; edits such an editor could not save come back, saved now or shown with their conflict. A reload that
  // keystrokes or a save overlapped (the news of the editor's own save, then the file watcher's, come once it is clean)
  // does not replace the newer text: it only checks whether the file changed under it.
  useEffect(() => {
    let isCurrent = true;
    void (async () => {
      const since = edits.current + savesStarted.current;
      await closingSaves.get(key);
      const opened = await workbenchApi.open(sessionId, path).then(
        (answer) => answer.file,
        (e: unknown) => {
          if (isCurrent && isNotFound(e) && hasOpened.current && unsaved.current === null) return null;
          if (isCurrent && isNotFound(e) && !hasOpened.current && readKeptEdit(sessionId, path)) return DELETED_WITH_KEPT_EDITS;
          throw e;
        },
      );
      if (!isCurrent) return;
      if (opened === null) {
        setMissing(true);
        return;
      }
      if (opened === DELETED_WITH_KEPT_EDITS) {
        // Edits this device kept of a file deleted on disk since: they come back read-only, waiting for Save to create
        // the file again with them (as a new file: refused if someone created it meanwhile) or Discard to let it go.
        const kept = readKeptEdit(sessionId, path);
        if (!kept) return;
        hasOpened.current = true;
        setFile({ path, content: null, version: null, size: 0, notice: null });
        version.current = null;
        setText(kept.text);
        unsaved.current = kept.text;
        markDirty(true);
        setRestoredAt(kept.keptAt);
        setMissing(true);
        return;
      }
      if (edits.current + savesStarted.current !== since) {
        setChecks((n) => n + 1);
        return;
      }
      setFile(opened);
      const isFirstOpen = !hasOpened.current;
      hasOpened.current = true;
      setMissing(false);
      version.current = opened.version;
      setError(null);
      showConflict(null);
      const left = leftEdits.get(key);
      leftEdits.delete(key);
      if (left && left.text !== (opened.content ?? "")) {
        setText(left.text);
        version.current = left.baseVersion;
        unsaved.current = left.text;
        markDirty(true);
        void save(left.text);
        return;
      }
      // Edits this device kept when the page went away come back unsaved, for the user to save or discard; made on a
      // version the disk has moved on from (Claude wrote the file meanwhile), they come back with the conflict.
      const kept = isFirstOpen ? keptToRestore(sessionId, path, opened) : null;
      if (kept) {
        setText(kept.text);
        unsaved.current = kept.text;
        markDirty(true);
        setRestoredAt(kept.keptAt);
        if (kept.baseVersion === opened.version) return;
        version.current = kept.baseVersion;
        showConflict({ message: `${path} changed on disk since this device kept your unsaved edits. ${saveConflictChoices(false)}`, isDeleted: false });
        return;
      }
      setText(opened.content ?? "");
      unsaved.current = null;
      markDirty(false);
    })().catch((e: unknown) => isCurrent && setError(errorMessage(e)));
    return () => {
      isCurrent = false;
    };
  }, [key, sessionId, path, markDirty, save, loads, setRestoredAt]);
  const load = useCallback(() => setLoads((n) => n + 1), []);

  /** Throws the unsaved edits away, kept ones included, and shows the file as it is on disk. */
  const discard = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    forgetKeptEdit(sessionId, path);
    setRestoredAt(null);
    // Thrown away now, not when the disk's text is in: an editor closed meanwhile must not save them as it closes.
    unsaved.current = null;
    markDirty(false);
    load();
  }, [sessionId, path, load, markDirty, setRestoredAt]);

  const edit = (value: string) => {
    edits.current += 1;
    setText(value);
    unsaved.current = value;
    keepEdit(sessionId, path, value, version.current);
    markDirty(true);
    setStatus("idle");
    if (timer.current) clearTimeout(timer.current);
    if (!conflict) timer.current = setTimeout(() => void save(value), AUTO_SAVE_MS);
  };

  // Another device, Claude or a save elsewhere changed files: a clean editor follows the disk; one with unsaved edits
  // checks whether this file changed under them, and says so before the next keystroke is saved over it.
  const [seenRevision, setSeenRevision] = useState(revision);
  if (seenRevision !== revision) {
    setSeenRevision(revision);
    if (!isDirtyNow) setLoads((n) => n + 1);
    else setChecks((n) => n + 1);
  }
  useEffect(() => {
    if (checks === 0) return;
    let isCurrent = true;
    void (async () => {
      await saving.current;
      const saves = savesStarted.current;
      const onDisk = await workbenchApi.open(sessionId, path).then(
        ({ file: opened }) => opened.version,
        (e: unknown) => (isNotFound(e) ? null : undefined),
      );
      await saving.current;
      const isSettled = isCurrent && !hasConflict.current && savesStarted.current === saves && unsaved.current !== null;
      if (!isSettled || onDisk === undefined) return;
      // The server is back (a reconnect brings this check) and the file is as the editor last had it: the edits a
      // failed save left, which the error promised to keep trying with, are saved now rather than at the next keystroke.
      if (onDisk === version.current) {
        if (hasFailedSave.current && unsaved.current !== null) void save(unsaved.current);
        return;
      }
      if (timer.current) clearTimeout(timer.current);
      const what = onDisk === null ? "was deleted" : "changed on disk";
      showConflict({ message: `${path} ${what} while you were editing it. ${saveConflictChoices(onDisk === null)}`, isDeleted: onDisk === null });
    })();
    return () => {
      isCurrent = false;
    };
  }, [checks, sessionId, path, save]);

  // Closing with edits not on disk yet (another tab, the panel, another session): save them now; what cannot be saved
  // is kept for this file's next editor. Leaving the page asks first, as any editor does.
  useEffect(() => {
    const onLeave = (e: BeforeUnloadEvent) => {
      if (unsaved.current !== null) e.preventDefault();
    };
    window.addEventListener("beforeunload", onLeave);
    return () => {
      window.removeEventListener("beforeunload", onLeave);
      if (timer.current) clearTimeout(timer.current);
      const closing = saving.current.then(async () => {
        const content = unsaved.current;
        if (content === null) return;
        // Restored edits wait for the user's word (ADR 0160): this device keeps them for the file's next editor.
        if (isRestored.current) return;
        if (!hasConflict.current) await save(content);
        if (unsaved.current !== null) leftEdits.set(key, { text: unsaved.current, baseVersion: version.current });
      });
      closingSaves.set(key, closing);
      void closing.finally(() => closingSaves.get(key) === closing && closingSaves.delete(key));
    };
  }, [key, save]);

  return { file, text, error, conflict, isMissing, status, edit, save, discard, restoredAt, isDirty: isDirtyNow };
}

/** The edits this device kept for the file (ADR 0160), unless the disk has their text already (then they go). */
function keptToRestore(sessionId: SessionId, path: string, opened: OpenedFile): KeptEdit | null {
  const kept = readKeptEdit(sessionId, path);
  if (kept?.text !== (opened.content ?? "")) return kept;
  forgetKeptEdit(sessionId, path);
  return null;
}

/** The file is not on disk, and this device kept unsaved edits of it (ADR 0160). */
const DELETED_WITH_KEPT_EDITS = "deleted-with-kept-edits";

const isNotFound = (e: unknown) => e instanceof ApiError && e.code === "not_found";
