import { useState } from "react";
import { plural, type Session, type SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { selectTerminals, useTerminalsStore } from "../../stores/terminals-store.ts";
import { DeleteSessionDialog } from "./delete-session-dialog.tsx";
import { quotedTitles, useWorkingConversations } from "./working-conversations.ts";

/**
 * Archive/unarchive, and delete through a dialog that says what goes and what stays. Archiving ends the session's
 * CLIs, so while Claude is at work in it Archive first asks: one click must not cut a turn off mid-way.
 */
export function SessionActions({ session }: { session: Session }) {
  const running = useTerminalsStore((s) => selectTerminals(session.id)(s).filter((t) => t.status === "running").length);
  const working = useWorkingConversations(session.id);
  const [error, setError] = useState<string | null>(null);
  const [isDeleting, setIsDeleting] = useState(false);
  const [isConfirmingArchive, setIsConfirmingArchive] = useState(false);
  const id = session.id as SessionId;
  const run = (action: () => Promise<unknown>) => action().then(() => setError(null), (e: unknown) => setError(errorMessage(e)));
  const archive = () => {
    setIsConfirmingArchive(false);
    void run(() => workspacesApi.archive(id));
  };
  return (
    <section aria-label="Actions" className="flex flex-wrap items-center gap-2">
      {session.archivedAt === null ? (
        <>
          <Button onClick={() => (working.length > 0 ? setIsConfirmingArchive(true) : archive())} aria-expanded={working.length > 0 ? isConfirmingArchive : undefined}>
            Archive
          </Button>
          {running > 0 ? <span className="text-xs text-stone-500 dark:text-stone-400">Archiving ends its {plural(running, "running terminal")}.</span> : null}
        </>
      ) : (
        <Button onClick={() => void run(() => workspacesApi.unarchive(id))}>Unarchive</Button>
      )}
      <Button variant="danger" onClick={() => setIsDeleting(true)}>
        Delete session…
      </Button>
      {isConfirmingArchive && working.length > 0 && session.archivedAt === null ? (
        <div role="group" aria-label="Archive while Claude is working" className="flex w-full flex-wrap items-center gap-2 rounded-lg bg-red-50 p-2 dark:bg-red-950/40">
          <p className="w-full text-sm text-red-700 dark:text-red-400">
            Claude is working in {quotedTitles(working)}: archiving stops {working.length === 1 ? "it" : "them"} mid-turn.
          </p>
          <Button variant="danger" autoFocus onClick={archive}>Archive and stop Claude</Button>
          <Button variant="ghost" onClick={() => setIsConfirmingArchive(false)}>Keep working</Button>
        </div>
      ) : null}
      <ErrorText message={error} className="w-full" />
      {isDeleting ? <DeleteSessionDialog session={session} onClose={() => setIsDeleting(false)} /> : null}
    </section>
  );
}
