import { useState } from "react";
import type { Session, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { BranchLabel, GitSummary } from "./session-labels.tsx";

/** Branch, ahead/behind the base and changed files with +/− counts, kept live by the server's git watchers. */
export function GitPanel({ session }: { session: Session }) {
  const [error, setError] = useState<string | null>(null);
  if (session.kind === "folder" && !session.git) return null;
  const refresh = () => workspacesApi.refreshGit(session.id as SessionId).then(() => setError(null), (e: unknown) => setError(errorMessage(e)));
  return (
    <section aria-label="Git" className="rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-sm font-semibold">Git</h2>
        <span data-testid="git-branch" className="text-sm">
          <BranchLabel session={session} />
        </span>
        {session.baseBranch ? <span className="text-xs text-stone-500">from {session.baseBranch}</span> : null}
        <span className="flex-1" />
        <GitSummary session={session} />
        <Button variant="ghost" onClick={() => void refresh()}>Refresh</Button>
      </div>
      {error ? <p className="text-sm text-red-600">{error}</p> : null}
      {session.git && session.git.files.length > 0 ? (
        <ul className="mt-2 flex flex-col gap-0.5 font-mono text-xs">
          {session.git.files.map((f) => (
            <li key={f.path} className="flex gap-2">
              <span className="w-6 text-stone-500">{f.status}</span>
              <span className="min-w-0 flex-1 truncate">{f.path}</span>
              <span className="text-emerald-700 dark:text-emerald-400">+{f.additions}</span>
              <span className="text-red-700 dark:text-red-400">−{f.deletions}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-xs text-stone-500">No uncommitted changes.</p>
      )}
    </section>
  );
}
