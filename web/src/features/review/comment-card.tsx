import type { ReviewComment } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { workbenchApi } from "../../lib/workbench-api.ts";

/** One review comment: its text, whether it was sent or is outdated, and resolve / delete. */
export function CommentCard({ comment, showPath = false }: { comment: ReviewComment; showPath?: boolean }) {
  const lines = comment.startLine === comment.endLine ? `L${comment.startLine}` : `L${comment.startLine}–${comment.endLine}`;
  return (
    <div data-testid="review-comment" className={`flex flex-col gap-1 text-sm ${comment.isResolved ? "opacity-60" : ""}`}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-stone-500">
        {showPath ? <span className="font-mono">{comment.path}</span> : null}
        <span>{lines}{comment.side === "old" ? " (old)" : ""}</span>
        {comment.isOutdated ? <span className="rounded bg-amber-100 px-1 text-amber-900 dark:bg-amber-900 dark:text-amber-100">outdated</span> : null}
        {comment.sentAt ? <span className="rounded bg-sky-100 px-1 text-sky-900 dark:bg-sky-900 dark:text-sky-100">sent to Claude</span> : null}
        {comment.isResolved ? <span>resolved</span> : null}
      </div>
      <p className="whitespace-pre-wrap">{comment.body}</p>
      <div className="flex gap-1">
        <Button variant="ghost" className="text-xs" onClick={() => void workbenchApi.updateComment(comment.id, { isResolved: !comment.isResolved })}>
          {comment.isResolved ? "Reopen" : "Resolve"}
        </Button>
        <Button variant="ghost" className="text-xs" aria-label={`Delete comment on ${comment.path} ${lines}`} onClick={() => void workbenchApi.removeComment(comment.id)}>
          Delete
        </Button>
      </div>
    </div>
  );
}
