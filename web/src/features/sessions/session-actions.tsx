import { useState } from "react";
import { plural, type Session, type SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { selectTerminals, useTerminalsStore } from "../../stores/terminals-store.ts";
import { DeleteSessionDialog } from "./delete-session-dialog.tsx";

/** Archive/unarchive, and delete through a dialog that says what goes and what stays. */
export function SessionActions({ session }: { session: Session }) {
  const running = useTerminalsStore((s) => selectTerminals(session.id)(s).filter((t) => t.status === "running").length);
  const [error, setError] = useState<string | null>(null);
  const [isDeleting, setIsDeleting] = useState(false);
  const id = session.id as SessionId;
  const run = (action: () => Promise<unknown>) => action().then(() => setError(null), (e: unknown) => setError(errorMessage(e)));
  return (
    <section aria-label="Actions" className="flex flex-wrap items-center gap-2">
      {session.archivedAt === null ? (
        <>
          <Button onClick={() => void run(() => workspacesApi.archive(id))}>Archive</Button>
          {running > 0 ? <span className="text-xs text-stone-500 dark:text-stone-400">Archiving ends its {plural(running, "running terminal")}.</span> : null}
        </>
      ) : (
        <Button onClick={() => void run(() => workspacesApi.unarchive(id))}>Unarchive</Button>
      )}
      <Button variant="danger" onClick={() => setIsDeleting(true)}>
        Delete session…
      </Button>
      <ErrorText message={error} className="w-full" />
      {isDeleting ? <DeleteSessionDialog session={session} onClose={() => setIsDeleting(false)} /> : null}
    </section>
  );
}
