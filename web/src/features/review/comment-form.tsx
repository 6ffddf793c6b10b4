import type { ChangeScope, CommentSide, SessionId } from "../../../../shared/index.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { CommentDraftForm, useCommentDraft } from "./comment-draft-form.tsx";

/** The lines a comment is on; `oldPath` is a renamed file's path on the old side. */
export type CommentTarget = { path: string; oldPath?: string; side: CommentSide; scope: ChangeScope; startLine: number; endLine: number };

/** Writes a review comment on the selected lines. */
export function CommentForm({ sessionId, target, draftKey, onDone }: { sessionId: SessionId; target: CommentTarget; draftKey: string; onDone: () => void }) {
  // Kept on this device until added or cancelled: the diff is virtualized, so scrolling away (or another tab) unmounts
  // the form, and the same lines picked again bring the words back. `draftKey` names the lines as they were picked.
  const draft = useCommentDraft(`chatml.review-comment.${sessionId}.${target.scope}.${target.path}.${draftKey}`, (body) => workbenchApi.addComment(sessionId, { ...target, body }), onDone);
  const lines = target.startLine === target.endLine ? `line ${target.startLine}` : `lines ${target.startLine}–${target.endLine}`;
  return (
    <CommentDraftForm draft={draft} saveLabel="Add comment">
      <label className="text-xs text-stone-500" htmlFor="review-comment-body">
        Comment on {lines}{target.side === "old" ? " (old version)" : ""}
      </label>
      <textarea
        id="review-comment-body"
        aria-label="Review comment"
        autoFocus
        rows={3}
        value={draft.body}
        onChange={(e) => draft.setBody(e.target.value)}
        className="w-full rounded-md border border-stone-300 bg-white p-2 text-sm dark:border-stone-700 dark:bg-stone-950"
      />
    </CommentDraftForm>
  );
}
