import { useState } from "react";
import type { LinearIssue, Workspace, WorkspaceId } from "../../../../shared/index.ts";
import { buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { ApiError, errorMessage } from "../../lib/http.ts";
import { openStartedSession, sessionThatHasIt } from "../sessions/open-started-session.ts";
import { linearApi } from "./linear-api.ts";
import { LinearIssuePicker } from "./linear-issue-picker.tsx";
import { useLinearConnection } from "./use-linear-connection.ts";

/** Start a session from a Linear issue: Linear's branch name, the issue as the first prompt, the issue linked. */
export function StartFromLinear({ workspace }: { workspace: Workspace }) {
  const connection = useLinearConnection();
  const [isOpen, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState<string | null>(null);
  const [heldBy, setHeldBy] = useState<{ id: string; name: string } | null>(null);
  if (!workspace.isGitRepo || !connection?.isConnected) return null;
  const start = (issue: LinearIssue) => {
    if (starting) return; // one start at a time: a second tap is not a second session
    setError(null);
    setHeldBy(null);
    setStarting(issue.identifier);
    linearApi
      .start(workspace.id as WorkspaceId, issue.id)
      .then(openStartedSession)
      .catch((e: unknown) => {
        // The issue has a session already (the list was stale): say which, and where, and offer it. Opening it without
        // a word took the user to another repository's session with no idea why.
        const existing = sessionThatHasIt(e);
        setError(errorMessage(e));
        setHeldBy(existing ? { id: existing, name: sessionNameOf(e) ?? "that session" } : null);
      })
      .finally(() => setStarting(null));
  };
  return (
    <details className="rounded-xl border border-stone-200 p-4 dark:border-stone-800" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="min-h-11 cursor-pointer py-2 text-sm font-semibold">Start from Linear</summary>
      {isOpen ? (
        <div className="flex flex-col gap-2 pt-2">
          {/* An issue a session has already is not started again: its row links to that session. */}
          <LinearIssuePicker actionLabel="Start" onPick={start} workspaceId={workspace.id} isTakenOffered={false} />
          {starting ? <p role="status" className="text-sm text-stone-600 dark:text-stone-400">Starting a session for {starting}…</p> : null}
          <ErrorText message={error} />
          {heldBy ? (
            <ScreenLink route={{ view: "session", id: heldBy.id }} className={buttonLook("secondary", "self-start")}>
              Open {heldBy.name}
            </ScreenLink>
          ) : null}
        </div>
      ) : null}
    </details>
  );
}

/** The name of the session a refused start names as having the issue, when the server said it. */
function sessionNameOf(error: unknown): string | null {
  const name = error instanceof ApiError ? (error.details as { sessionName?: unknown } | undefined)?.sessionName : null;
  return typeof name === "string" ? name : null;
}
