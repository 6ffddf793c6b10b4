import { useState } from "react";
import type { ReviewComment } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { useStoredText } from "../../lib/use-stored-text.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";

/** Where an edit's words wait on this device until saved or cancelled (the diff unmounts cards scrolled away). */
export const editDraftKey = (comment: ReviewComment) => `chatml.review-comment-edit.${comment.id}`;

/**
 * Edits a comment's text. The edit names the text it started from: when another device changed it meanwhile, the
 * server refuses, this form keeps the words and says so, and saving again replaces the newer text on purpose.
 */
export function CommentEditForm({ comment, what, onDone }: { comment: ReviewComment; what: string; onDone: () => void }) {
  const [body, setBody, forgetBody] = useStoredText(editDraftKey(comment), comment.body);
  // The text the editor opened on, and the one a save replaces (the newer one, once a save was refused over it).
  const [openedWith] = useState(comment.body);
  const [replaces, setReplaces] = useState(comment.body);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await workbenchApi.updateComment(comment.id, { body, previousBody: replaces });
      forgetBody();
      onDone();
    } catch (e) {
      setError(errorMessage(e));
      // Saving again is a choice made knowing the text changed: it goes over the text as it is now.
      setReplaces(comment.body);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <textarea
        aria-label={`Edit ${what}`}
        autoFocus
        rows={Math.min(10, Math.max(3, body.split("\n").length))}
        value={body}
        maxLength={20_000}
        onChange={(e) => setBody(e.target.value)}
        className="w-full rounded-md border border-stone-300 bg-white p-2 text-sm dark:border-stone-700 dark:bg-stone-950"
      />
      {comment.body !== openedWith && comment.body !== body ? (
        <p className="whitespace-pre-wrap break-words text-xs text-amber-800 dark:text-amber-200">Changed on another device meanwhile; it now says: {comment.body}</p>
      ) : null}
      <ErrorText message={error} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={!body.trim() || isSaving}>Save</Button>
        <Button variant="ghost" onClick={() => (forgetBody(), onDone())}>Cancel</Button>
      </div>
    </form>
  );
}
