import { useState } from "react";
import type { Session, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { ApiError, errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { useNavStore } from "../../stores/nav-store.ts";

/** Archive/unarchive and delete; a refused delete (uncommitted changes) offers to force it. */
export function SessionActions({ session }: { session: Session }) {
  const [error, setError] = useState<string | null>(null);
  const [canForce, setCanForce] = useState(false);
  const id = session.id as SessionId;
  const run = (action: () => Promise<unknown>) => action().then(() => setError(null), (e: unknown) => setError(errorMessage(e)));
  const remove = async (force: boolean) => {
    const deleteBranch = session.kind === "worktree" && confirm(`Also delete the branch ${session.branch ?? ""} if it is not merged?`);
    try {
      await workspacesApi.deleteSession(id, { force, deleteBranch });
      useNavStore.getState().go({ view: "workspace", id: session.workspaceId });
    } catch (e) {
      setError(errorMessage(e));
      setCanForce(e instanceof ApiError && e.code === "conflict" && !force);
    }
  };
  return (
    <section aria-label="Actions" className="flex flex-wrap items-center gap-2">
      {session.archivedAt === null ? (
        <Button onClick={() => void run(() => workspacesApi.archive(id))}>Archive</Button>
      ) : (
        <Button onClick={() => void run(() => workspacesApi.unarchive(id))}>Unarchive</Button>
      )}
      <Button variant="danger" onClick={() => void remove(false)}>
        Delete session
      </Button>
      {canForce ? (
        <Button variant="danger" onClick={() => void remove(true)}>
          Delete anyway (lose changes)
        </Button>
      ) : null}
      <ErrorText message={error} className="w-full" />
    </section>
  );
}
