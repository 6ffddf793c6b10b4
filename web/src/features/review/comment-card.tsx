import { useState } from "react";
import type { ReviewComment, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ConfirmDelete } from "../../components/confirm-delete.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { readStored } from "../../lib/use-stored-text.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { CommentEditForm } from "./comment-edit-form.tsx";
import { draftKey } from "./orphaned-drafts.ts";
import { ReplyForm } from "./reply-form.tsx";
import { dateAndTime } from "../../lib/when.ts";

const TAG = "rounded px-1";
/** Longer comments are cut to a few lines until opened, so one long comment does not push the code off the screen. */
const isLong = (body: string) => body.length > 400 || body.split("\n").length > 6;

type Props = { sessionId: SessionId; comment: ReviewComment; showPath?: boolean; /** The thread's replies, under a thread's first comment. */ replies?: ReviewComment[] };

/**
 * One review comment: its text, whether it was sent, edited or is outdated, and edit / resolve / delete; a thread's
 * first comment also shows its replies and a Reply button (resolving it resolves the thread).
 */
export function CommentCard({ sessionId, comment, showPath = false, replies = [] }: Props) {
  const lines = comment.startLine === comment.endLine ? `L${comment.startLine}` : `L${comment.startLine}–${comment.endLine}`;
  const label = `${comment.path} ${lines}`;
  // An edit left unsaved (scrolled away, page reloaded) opens again with its words.
  const [isEditing, setEditing] = useState(() => readStored(draftKey("edit", sessionId, comment.id)) !== null);
  const [error, setError] = useState<string | null>(null);
  const [isOpen, setOpen] = useState(false);
  const [isReplying, setReplying] = useState(() => readStored(draftKey("reply", sessionId, comment.id)) !== null);
  const isReply = comment.replyTo !== null;
  // What the controls name: replies on the same lines are told apart by their first words.
  const what = isReply ? `reply “${comment.body.slice(0, 40)}” on ${label}` : `comment on ${label}`;
  const isCut = isLong(comment.body) && !isOpen;
  const act = (action: () => Promise<unknown>) => action().then(() => setError(null), (e: unknown) => setError(errorMessage(e)));
  return (
    <div data-testid={isReply ? "review-reply" : "review-comment"} className={`flex min-w-0 flex-col gap-1 text-sm ${comment.isResolved && !isReply ? "opacity-60" : ""}`}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-stone-500">
        {showPath && !isReply ? <span className="font-mono">{comment.path}</span> : null}
        {isReply ? <span>Reply</span> : <span>{lines}{comment.side === "old" ? " (old)" : ""}</span>}
        {comment.isOutdated ? <span className={`${TAG} bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100`}>outdated</span> : null}
        {comment.sentAt ? <span className={`${TAG} bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100`}>sent to Claude</span> : null}
        {comment.editedAt ? <span title={`Edited ${dateAndTime(comment.editedAt)}`}>edited</span> : null}
        {comment.isResolved ? <span>resolved</span> : null}
      </div>
      {isEditing ? (
        <CommentEditForm sessionId={sessionId} comment={comment} what={what} onDone={() => setEditing(false)} />
      ) : (
        <>
          <p className={`whitespace-pre-wrap break-words ${isCut ? "line-clamp-5" : ""}`}>{comment.body}</p>
          {isLong(comment.body) ? (
            <button type="button" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)} className="min-h-11 self-start text-xs text-sky-700 underline mouse:min-h-6 dark:text-sky-300">
              {isOpen ? "Show less" : "Show the whole comment"}
            </button>
          ) : null}
          <div className="flex flex-wrap gap-1">
            <Button variant="ghost" aria-label={`Edit ${what}`} onClick={() => setEditing(true)}>
              Edit
            </Button>
            {isReply ? null : (
              <>
                <Button variant="ghost" aria-label={`Reply to the comment on ${label}`} onClick={() => setReplying(true)}>
                  Reply
                </Button>
                <Button variant="ghost" onClick={() => void act(() => workbenchApi.updateComment(comment.id, { isResolved: !comment.isResolved }))}>
                  {comment.isResolved ? "Reopen" : "Resolve"}
                </Button>
              </>
            )}
            <ConfirmDelete label="Delete" name={`Delete ${what}`} question={`Delete this comment${replies.length > 0 ? ` and its ${replies.length === 1 ? "reply" : `${replies.length} replies`}` : ""} on every device? This cannot be undone.`} onConfirm={() => workbenchApi.removeComment(comment.id)} />
          </div>
          <ErrorText message={error} />
        </>
      )}
      {replies.length > 0 ? (
        <ul aria-label={`Replies to the comment on ${label}`} className="ml-3 flex flex-col gap-2 border-l-2 border-stone-200 pl-3 dark:border-stone-700">
          {replies.map((r) => (
            <li key={r.id}>
              <CommentCard sessionId={sessionId} comment={r} />
            </li>
          ))}
        </ul>
      ) : null}
      {isReplying ? <ReplyForm sessionId={sessionId} comment={comment} label={label} onDone={() => setReplying(false)} /> : null}
    </div>
  );
}
