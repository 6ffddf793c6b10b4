import { useState } from "react";
import type { SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import type { DraftKind, OrphanedDraft } from "./orphaned-drafts.ts";
import { copyText } from "../../lib/copy-text.ts";
import { useCopiedMoment } from "../../lib/use-copied-moment.ts";
import { CopiedStatus } from "../../components/copied-status.tsx";

type Props = { sessionId: SessionId; orphans: OrphanedDraft[]; onDone: (commentId: string, kind: DraftKind) => void };

/** Words written here for comments another device deleted meanwhile: said, shown, and kept until posted, copied or discarded. */
export function OrphanedDraftsNote({ sessionId, orphans, onDone }: Props) {
  if (orphans.length === 0) return null;
  return (
    <ul aria-label="Deleted while you wrote" className="flex flex-col gap-2 border-b border-amber-200 bg-amber-50 p-2 dark:border-amber-900 dark:bg-amber-950">
      {orphans.map((orphan) => (
        <li key={`${orphan.kind}.${orphan.commentId}`}>
          <OrphanedDraftItem sessionId={sessionId} orphan={orphan} onDone={() => onDone(orphan.commentId, orphan.kind)} />
        </li>
      ))}
    </ul>
  );
}

function OrphanedDraftItem({ sessionId, orphan, onDone }: { sessionId: SessionId; orphan: OrphanedDraft; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [isCopied, markCopied, clearCopied] = useCopiedMoment();
  const { lines } = orphan;
  const where = lines ? ` on ${lines.path} ${lines.startLine === lines.endLine ? `L${lines.startLine}` : `L${lines.startLine}–${lines.endLine}`}` : "";
  const what = orphan.kind === "edit" ? `The comment${where} you were editing` : `The comment${where} you were replying to`;
  const happened = orphan.isUnattributed
    ? `${orphan.kind === "edit" ? "An edit of a review comment" : "A reply to a review comment"}, kept by an earlier ChatML, is for a comment not in this session (another session's, or deleted). Your words are kept here:`
    : `${what} was deleted on another device. Your words are kept here:`;
  // A comment's old side depends on the diff it was made in, which is not kept: only new-side lines are posted again.
  const canPost = lines !== null && lines.side === "new";
  const post = () =>
    lines &&
    workbenchApi.addComment(sessionId, { path: lines.path, side: lines.side, startLine: lines.startLine, endLine: lines.endLine, body: orphan.words }).then(onDone, (e: unknown) => setError(errorMessage(e)));
  // "Copied" for a moment (it said so for good); a failure joins the item's one error line, as a failed post does.
  const copy = () => {
    setError(null);
    void copyText(orphan.words).then(markCopied, (e: unknown) => {
      clearCopied();
      setError(errorMessage(e));
    });
  };
  return (
    <div role="alert" className="flex flex-col gap-1 text-sm">
      <p className="text-amber-900 dark:text-amber-100">{happened}</p>
      <p className="whitespace-pre-wrap break-words rounded bg-white p-2 dark:bg-stone-900">{orphan.words}</p>
      <div className="flex flex-wrap gap-1">
        {canPost ? <Button variant="primary" onClick={() => void post()}>Add as a new comment</Button> : null}
        <Button variant="ghost" aria-label={`Copy your words${where}`} onClick={copy}>{isCopied ? "Copied" : "Copy"}</Button>
        <Button variant="ghost" aria-label={`Discard your words${where}`} onClick={onDone}>Discard</Button>
      </div>
      <CopiedStatus isCopied={isCopied} />
      <ErrorText message={error} />
    </div>
  );
}
