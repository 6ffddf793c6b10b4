import { useState } from "react";
import type { ChangeScope, CommentSide, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { useStoredText } from "../../lib/use-stored-text.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";

/** The lines a comment is on; `oldPath` is a renamed file's path on the old side. */
export type CommentTarget = { path: string; oldPath?: string; side: CommentSide; scope: ChangeScope; startLine: number; endLine: number };

/** Writes a review comment on the selected lines. */
export function CommentForm({ sessionId, target, draftKey, onDone }: { sessionId: SessionId; target: CommentTarget; draftKey: string; onDone: () => void }) {
  // Kept on this device until added or cancelled: the diff is virtualized, so scrolling away (or another tab) unmounts
  // the form, and the same lines picked again bring the words back. `draftKey` names the lines as they were picked.
  const [body, setBody, forgetBody] = useStoredText(`chatml.review-comment.${sessionId}.${target.scope}.${target.path}.${draftKey}`);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const lines = target.startLine === target.endLine ? `line ${target.startLine}` : `lines ${target.startLine}–${target.endLine}`;
  const submit = async () => {
    setSaving(true);
    try {
      await workbenchApi.addComment(sessionId, { ...target, body });
      forgetBody();
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="text-xs text-stone-500" htmlFor="review-comment-body">
        Comment on {lines}{target.side === "old" ? " (old version)" : ""}
      </label>
      <textarea
        id="review-comment-body"
        aria-label="Review comment"
        autoFocus
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        className="w-full rounded-md border border-stone-300 bg-white p-2 text-sm dark:border-stone-700 dark:bg-stone-950"
      />
      <ErrorText message={error} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={!body.trim() || isSaving}>Add comment</Button>
        <Button variant="ghost" onClick={() => (forgetBody(), onDone())}>Cancel</Button>
      </div>
    </form>
  );
}
