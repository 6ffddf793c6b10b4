import { useState } from "react";
import type { ReviewComment, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { newCommandId } from "../../lib/command-id.ts";
import { errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";

/** "Send N comments to Claude": posts the open, unsent comments as one message to the session's task conversation. */
export function SendCommentsBar({ sessionId, comments }: { sessionId: SessionId; comments: ReviewComment[] }) {
  const [error, setError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  const pending = comments.filter((c) => !c.isResolved && c.sentAt === null);
  if (pending.length === 0 && !error) return null;
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
    <div className="flex flex-wrap items-center gap-2 border-b border-stone-200 bg-sky-50 px-2 py-1 dark:border-stone-800 dark:bg-sky-950">
      <span className="flex-1 text-xs">{pending.length} unsent review {pending.length === 1 ? "comment" : "comments"}</span>
      <Button variant="primary" disabled={isSending || pending.length === 0} onClick={() => void send()}>
        Send {pending.length} {pending.length === 1 ? "comment" : "comments"} to Claude
      </Button>
      <ErrorText message={error} className="w-full" />
    </div>
  );
}
