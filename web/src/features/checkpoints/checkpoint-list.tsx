import { useCallback, useEffect, useState } from "react";
import type { Checkpoint, CheckpointListing, ConversationId, RewindPreview } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { checkpointsApi } from "../../lib/checkpoints-api.ts";
import { errorMessage } from "../../lib/http.ts";
import { RewindConfirm, rewindText } from "./rewind-confirm.tsx";

/**
 * The conversation's file checkpoints, newest first, each with "Rewind files…" (diff shown first, undoable), and the
 * server's "Undo rewind" offer (ADR 0138). `changes` moves when the conversation's timeline shows the checkpoints may
 * have changed (a user's message, a rewind's notice), on any device: the list is read again then, not on every item.
 */
export function CheckpointList({ id, isBusy, changes = 0 }: { id: ConversationId; isBusy: boolean; changes?: number }) {
  const [{ checkpoints, undo, isGitFolder }, setListing] = useState<CheckpointListing>({ checkpoints: [], undo: null, isGitFolder: true });
  const [preview, setPreview] = useState<RewindPreview | null>(null);
  // Where the failed step was asked for ("list", the confirm box, Undo, or a checkpoint's row): its error shows there.
  const [error, setError] = useState<{ message: string; at: string } | null>(null);
  const [isWorking, setIsWorking] = useState(false);
  const reload = useCallback(() => {
    checkpointsApi.list(id).then(setListing, (e: unknown) => setError({ message: errorMessage(e), at: "list" }));
  }, [id]);
  // Read again whenever a turn starts or ends, on any device: each message takes a checkpoint as its turn starts.
  useEffect(reload, [reload, isBusy, changes]);
  const run = async (at: string, task: () => Promise<void>) => {
    setIsWorking(true);
    try {
      await task();
      setError(null);
    } catch (e) {
      setError({ message: errorMessage(e), at });
    } finally {
      setIsWorking(false);
    }
  };
  const open = (checkpoint: Checkpoint) => void run(checkpoint.id, async () => setPreview(await checkpointsApi.preview(id, checkpoint.id)));
  const confirm = (checkpoint: Checkpoint, at: "confirm" | "undo") =>
    void run(at, async () => {
      await checkpointsApi.rewind(id, checkpoint.id);
      setPreview(null);
      reload();
    });
  const errorAt = (at: string): string | null => (error?.at === at ? error.message : null);
  return (
    <section aria-label="Checkpoints" className="space-y-2">
      <h3 className="text-xs font-medium text-stone-500">Checkpoints</h3>
      {isGitFolder ? null : (
        <p role="note" className="text-xs text-stone-500">
          This folder is not a git repository, so no checkpoints are taken and its files cannot be rewound. Run <code>git init</code> in it to have them from the next message.
        </p>
      )}
      {checkpoints.length === 0 && isGitFolder ? <p className="text-xs text-stone-500">A checkpoint of the files is taken before every message.</p> : null}
      {isBusy ? <p className="text-xs text-stone-500">Rewinding is possible once Claude has finished the turn.</p> : null}
      {undo ? (
        <p className="text-xs">
          Files rewound. <Button variant="ghost" onClick={() => confirm(undo, "undo")} disabled={isWorking}>Undo rewind</Button>
        </p>
      ) : null}
      <ErrorText message={errorAt("undo")} />
      {preview ? (
        <RewindConfirm preview={preview} isBusy={isWorking} error={errorAt("confirm")} onConfirm={() => confirm(preview.checkpoint, "confirm")} onCancel={() => setPreview(null)} />
      ) : null}
      <ul className="max-h-48 space-y-1 overflow-y-auto">
        {[...checkpoints].reverse().map((checkpoint) => (
          <li key={checkpoint.id} className="text-xs">
            <div className="flex items-center gap-2">
              <span className="min-w-0 flex-1 truncate" title={checkpoint.label}>
                {checkpoint.kind === "before-rewind" ? "↺ " : ""}
                {checkpoint.label}
                <span className="block text-stone-500">{new Date(checkpoint.createdAt).toLocaleTimeString()}</span>
              </span>
              <Button aria-label={rewindText(checkpoint)} disabled={isBusy || isWorking} onClick={() => open(checkpoint)}>Rewind…</Button>
            </div>
            <ErrorText message={errorAt(checkpoint.id)} />
          </li>
        ))}
      </ul>
      <ErrorText message={errorAt("list")} />
    </section>
  );
}
