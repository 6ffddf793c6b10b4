import { useState } from "react";
import type { ReviewComment, SessionId } from "../../../../shared/index.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { CommentDraftForm, useCommentDraft } from "./comment-draft-form.tsx";
import { draftKey } from "./orphaned-drafts.ts";

/**
 * Edits a comment's text. The edit names the text it started from: when another device changed it meanwhile, the
 * server refuses, this form keeps the words and says so, and saving again replaces the newer text on purpose.
 */
export function CommentEditForm({ sessionId, comment, what, onDone }: { sessionId: SessionId; comment: ReviewComment; what: string; onDone: () => void }) {
  // The text the editor opened on, and the one a save replaces (the newer one, once a save was refused over it).
  const [openedWith] = useState(comment.body);
  const [replaces, setReplaces] = useState(comment.body);
  const draft = useCommentDraft(draftKey("edit", sessionId, comment.id), (body) => workbenchApi.updateComment(comment.id, { body, previousBody: replaces }), onDone, {
    initial: comment.body,
    // Saving again is a choice made knowing the text changed: it goes over the text as it is now.
    onFailed: () => setReplaces(comment.body),
  });
  return (
    <CommentDraftForm draft={draft} saveLabel="Save">
      <textarea
        aria-label={`Edit ${what}`}
        autoFocus
        rows={Math.min(10, Math.max(3, draft.body.split("\n").length))}
        value={draft.body}
        maxLength={20_000}
        onChange={(e) => draft.setBody(e.target.value)}
        className="w-full rounded-md border border-stone-300 bg-white p-2 text-sm dark:border-stone-700 dark:bg-stone-950"
      />
      {comment.body !== openedWith && comment.body !== draft.body ? (
        <p className="whitespace-pre-wrap break-words text-xs text-amber-800 dark:text-amber-200">Changed on another device meanwhile; it now says: {comment.body}</p>
      ) : null}
    </CommentDraftForm>
  );
}
