import { useEffect, useState } from "react";
import type { Session } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { useReconnects } from "../../stores/connection-store.ts";
import { selectLinearLink, useLinearStore } from "../../stores/linear-store.ts";
import { linearApi } from "./linear-api.ts";
import { LinearBehindNote } from "./linear-behind-note.tsx";
import { LinearHoldNote } from "./linear-hold-note.tsx";
import { LinearIssuePicker } from "./linear-issue-picker.tsx";
import { LinearStateBadge } from "./linear-state-badge.tsx";
import { useLinearConnection } from "./use-linear-connection.ts";

/** The session's Linear issue with its live state; link one, or unlink it. Shown only when Linear is connected. */
export function SessionLinearIssue({ session }: { session: Session }) {
  const connection = useLinearConnection();
  const issue = useLinearStore(selectLinearLink(session.id));
  const [isPicking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isConnected = connection?.isConnected === true;
  const reconnects = useReconnects();
  useEffect(() => {
    if (!isConnected) return;
    const store = useLinearStore.getState();
    // The stored link first, then its state read again from Linear: when Linear cannot be reached (or the key was
    // revoked) the card still shows the issue, with the error — it said "Not linked" and offered to link another.
    linearApi
      .linked(session.id)
      .then(({ issue: stored }) => (store.setLink(session.id, stored), stored ? linearApi.refreshLink(session.id) : null))
      .then((read) => read && store.setLink(session.id, read.issue))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [session.id, isConnected, reconnects]);
  if (!isConnected) return null;
  const act = (action: () => Promise<{ issue: typeof issue }>) => {
    setError(null);
    action().then(({ issue: linked }) => (useLinearStore.getState().setLink(session.id, linked ?? null), setPicking(false)), (e: unknown) => setError(errorMessage(e)));
  };
  return (
    <section aria-label="Linear issue" className="flex flex-col gap-2 rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <h2 className="text-sm font-semibold">Linear issue</h2>
      {issue ? (
        <>
          <div className="flex flex-wrap items-center gap-2">
            {/* A finger's height on a phone, however many lines the title takes (one line was 20 px tall). */}
            <a href={issue.url} target="_blank" rel="noreferrer" className="min-h-11 min-w-0 flex-1 content-center text-sm font-medium text-accent underline-offset-2 hover:underline mouse:min-h-0">
              <span className="font-mono text-xs">{issue.identifier}</span> {issue.title}
            </a>
            <LinearStateBadge issue={issue} />
            <Button variant="ghost" onClick={() => act(() => linearApi.unlink(session.id))}>
              Unlink
            </Button>
          </div>
          <LinearHoldNote sessionId={session.id} issue={issue} />
          <LinearBehindNote
            sessionId={session.id}
            issue={issue}
            isAutoStatus={connection?.isAutoStatus === true}
            onMove={(move) => act(() => (move === "done" ? linearApi.markDone(session.id) : linearApi.markInReview(session.id)))}
          />
        </>
      ) : isPicking ? (
        <>
          <LinearIssuePicker actionLabel="Link" workspaceId={session.workspaceId} onPick={(picked) => act(() => linearApi.link(session.id, picked.id))} />
          {/* Opening the list commits to nothing: it closes again without a link. */}
          <Button variant="ghost" className="self-start" onClick={() => (setPicking(false), setError(null))}>
            Cancel
          </Button>
        </>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm text-stone-500">Not linked to a Linear issue.</p>
          <Button onClick={() => setPicking(true)}>Link a Linear issue</Button>
        </div>
      )}
      <ErrorText message={error} />
    </section>
  );
}
