import { useState } from "react";
import type { SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";

/**
 * A conversation whose session was archived (here or on another device): archiving ended its Claude processes and
 * left the session out of the session lists, so without this the conversation would look as if it simply stopped.
 * Unarchive brings the session back where it was.
 */
export function ArchivedNotice({ sessionId }: { sessionId: string }) {
  const session = useConversationsStore((s) => s.sessions[sessionId]);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  if (!session || session.archivedAt === null) return null;
  const unarchive = () => {
    setIsBusy(true);
    setError(null);
    workspacesApi
      .unarchive(session.id as SessionId)
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setIsBusy(false));
  };
  return (
    <div role="status" aria-label="Session archived" className="mx-auto mb-1 flex w-full max-w-3xl flex-wrap items-center gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
      <span className="min-w-0 flex-1">This session is archived: its Claude processes were stopped, it is left out of the sidebar, and a message is sent only once it is unarchived.</span>
      <Button variant="ghost" className="text-xs" onClick={unarchive} disabled={isBusy}>
        Unarchive
      </Button>
      <ErrorText message={error} className="w-full" />
    </div>
  );
}
