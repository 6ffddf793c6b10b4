import { useState } from "react";
import type { ReviewComment, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { newCommandId } from "../../lib/command-id.ts";
import { errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { CommentCard } from "./comment-card.tsx";
import type { DraftKind, OrphanedDraft } from "./orphaned-drafts.ts";
import { OrphanedDraftsNote } from "./orphaned-drafts-note.tsx";

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

/** "2 review comments and 1 reply": threads and replies are counted apart (a reply is not another comment on the code). */
function countOf(comments: ReviewComment[], noun: string): string {
  const replies = comments.filter((c) => c.replyTo !== null).length;
  const threads = plural(comments.length - replies, noun);
  return replies > 0 ? `${threads} and ${plural(replies, "reply", "replies")}` : threads;
}

type Props = {
  sessionId: SessionId;
  comments: ReviewComment[];
  /** Words this device wrote for comments deleted meanwhile (useReviewComments), and what to call when one is done. */
  orphans?: OrphanedDraft[];
  onOrphanDone?: (commentId: string, kind: DraftKind) => void;
};

/**
 * The review bar over a diff: "Send N comments to Claude" (the open, unsent ones, as one message to the session's task
 * conversation), and every comment of the session in a list: the resolved ones (to reopen), and those the diff cannot
 * show (their file deleted or out of this scope).
 */
export function SendCommentsBar({ sessionId, comments, orphans = [], onOrphanDone = () => undefined }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  const [isListOpen, setListOpen] = useState(false);
  const pending = comments.filter((c) => !c.isResolved && c.sentAt === null);
  if (comments.length === 0 && orphans.length === 0 && !error) return null;
  const send = async () => {
    setSending(true);
    try {
      await workbenchApi.sendComments(sessionId, { commandId: newCommandId(), commentIds: pending.map((c) => c.id) });
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };
  return (
    <div className={`flex flex-col border-b border-stone-200 dark:border-stone-800 ${pending.length > 0 ? "bg-sky-50 dark:bg-sky-950" : ""}`}>
      <OrphanedDraftsNote sessionId={sessionId} orphans={orphans} onDone={onOrphanDone} />
      {comments.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 px-2 py-1">
          <span className="flex-1 text-xs">{pending.length > 0 ? countOf(pending, "unsent review comment") : countOf(comments, "review comment")}</span>
          <Button variant="ghost" className="text-xs" aria-expanded={isListOpen} onClick={() => setListOpen(!isListOpen)}>
            {isListOpen ? "Hide the list" : `List all ${countOf(comments, "comment")}`}
          </Button>
          {pending.length > 0 ? (
            <Button variant="primary" disabled={isSending} onClick={() => void send()}>
              Send {countOf(pending, "comment")} to Claude
            </Button>
          ) : null}
        </div>
      ) : null}
      {isListOpen && comments.length > 0 ? (
        <ul aria-label="All review comments" className="flex max-h-[50vh] flex-col divide-y divide-stone-200 overflow-y-auto border-t border-stone-200 bg-white px-2 dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
          {comments
            .filter((c) => c.replyTo === null)
            .map((c) => (
              <li key={c.id} className="py-2">
                <CommentCard sessionId={sessionId} comment={c} showPath replies={comments.filter((r) => r.replyTo === c.id)} />
              </li>
            ))}
        </ul>
      ) : null}
      <ErrorText message={error} className="w-full px-2" />
    </div>
  );
}
