import { useCallback, useEffect, useRef, useState } from "react";
import type { OpenedFile, SessionId } from "../../../../shared/index.ts";
import { ApiError, errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { useWorkbenchRevision, useWorkbenchStore } from "../../stores/workbench-store.ts";

/** Unsaved edits are written this long after the last keystroke. */
export const AUTO_SAVE_MS = 800;

/** A save the server refused because the file changed (or vanished) on disk since it was opened. */
export type Conflict = { message: string; isDeleted: boolean };

/** One file open in the editor: its text, dirty flag, auto-save, and conflict handling (reload / overwrite). */
export function useFileDocument(sessionId: SessionId, path: string) {
  const [file, setFile] = useState<OpenedFile | null>(null);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [status, setStatus] = useState<"idle" | "saving" | "saved">("idle");
  const [isDirtyNow, setDirtyNow] = useState(false);
  const [loads, setLoads] = useState(0);
  const version = useRef<string | null>(null);
  const isDirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const setDirtyFlag = useWorkbenchStore((s) => s.setDirty);
  const revision = useWorkbenchRevision(sessionId, "files");

  const markDirty = useCallback(
    (dirty: boolean) => {
      isDirty.current = dirty;
      setDirtyNow(dirty);
      setDirtyFlag(sessionId, path, dirty);
    },
    [sessionId, path, setDirtyFlag],
  );

  // Loads (and reloads) the file from disk whenever `loads` changes.
  useEffect(() => {
    let isCurrent = true;
    workbenchApi.open(sessionId, path).then(
      ({ file: opened }) => {
        if (!isCurrent) return;
        setFile(opened);
        setText(opened.content ?? "");
        version.current = opened.version;
        setError(null);
        setConflict(null);
        markDirty(false);
      },
      (e: unknown) => isCurrent && setError(errorMessage(e)),
    );
    return () => {
      isCurrent = false;
    };
  }, [sessionId, path, markDirty, loads]);
  const load = useCallback(() => setLoads((n) => n + 1), []);

  const save = useCallback(
    async (content: string, isForced = false) => {
      if (timer.current) clearTimeout(timer.current);
      setStatus("saving");
      try {
        const { saved } = await workbenchApi.save(sessionId, { path, content, baseVersion: version.current, isForced });
        version.current = saved.version;
        setConflict(null);
        setStatus("saved");
        markDirty(false);
      } catch (e) {
        setStatus("idle");
        if (e instanceof ApiError && e.code === "conflict") setConflict({ message: e.message, isDeleted: Boolean((e.details as { isDeleted?: boolean } | undefined)?.isDeleted) });
        else setError(errorMessage(e));
      }
    },
    [sessionId, path, markDirty],
  );

  const edit = (value: string) => {
    setText(value);
    markDirty(true);
    setStatus("idle");
    if (timer.current) clearTimeout(timer.current);
    if (!conflict) timer.current = setTimeout(() => void save(value), AUTO_SAVE_MS);
  };

  // Another device, Claude or a save elsewhere changed files: a clean editor follows the disk.
  const [seenRevision, setSeenRevision] = useState(revision);
  if (seenRevision !== revision) {
    setSeenRevision(revision);
    if (!isDirtyNow) setLoads((n) => n + 1);
  }
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return { file, text, error, conflict, status, edit, save, reload: load, isDirty: isDirtyNow };
}
