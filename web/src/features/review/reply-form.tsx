import { useState } from "react";
import type { ReviewComment } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { useStoredText } from "../../lib/use-stored-text.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";

/** Where a reply's words wait on this device until added or cancelled. */
export const replyDraftKey = (comment: ReviewComment) => `chatml.review-reply.${comment.id}`;

/** Answers a comment in its thread; the words are kept through a failed save and the diff scrolling the card away. */
export function ReplyForm({ comment, label, onDone }: { comment: ReviewComment; label: string; onDone: () => void }) {
  const [body, setBody, forgetBody] = useStoredText(replyDraftKey(comment));
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await workbenchApi.replyToComment(comment.id, { body });
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
        void save();
      }}
    >
      <textarea
        aria-label={`Reply to the comment on ${label}`}
        autoFocus
        rows={2}
        maxLength={20_000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        className="w-full rounded-md border border-stone-300 bg-white p-2 text-sm dark:border-stone-700 dark:bg-stone-950"
      />
      <ErrorText message={error} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={!body.trim() || isSaving}>Add reply</Button>
        <Button variant="ghost" onClick={() => (forgetBody(), onDone())}>Cancel</Button>
      </div>
    </form>
  );
}
