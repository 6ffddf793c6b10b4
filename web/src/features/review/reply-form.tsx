import type { ReviewComment, SessionId } from "../../../../shared/index.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { CommentDraftForm, useCommentDraft } from "./comment-draft-form.tsx";
import { draftKey } from "./orphaned-drafts.ts";

/** Answers a comment in its thread; the words are kept through a failed save and the diff scrolling the card away. */
export function ReplyForm({ sessionId, comment, label, onDone }: { sessionId: SessionId; comment: ReviewComment; label: string; onDone: () => void }) {
  const draft = useCommentDraft(draftKey("reply", sessionId, comment.id), (body) => workbenchApi.replyToComment(comment.id, { body }), onDone);
  return (
    <CommentDraftForm draft={draft} saveLabel="Add reply">
      <textarea
        aria-label={`Reply to the comment on ${label}`}
        autoFocus
        rows={2}
        maxLength={20_000}
        value={draft.body}
        onChange={(e) => draft.setBody(e.target.value)}
        className="w-full rounded-md border border-stone-300 bg-white p-2 text-sm dark:border-stone-700 dark:bg-stone-950"
      />
    </CommentDraftForm>
  );
}
