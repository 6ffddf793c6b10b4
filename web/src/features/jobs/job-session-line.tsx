import type { Job } from "../../../../shared/index.ts";
import { sessionTitle } from "../../lib/shown-title.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";

/**
 * Where a fixed-session job's runs go, named as every list names a session. Deleting a session leaves its jobs bound
 * to it (the server pauses one only when a run finds the session gone), and the card said nothing at all of where
 * such a job runs: it says so, and what to do. Every session, archived ones too, is in the loaded lists, so one
 * missing from them once they are loaded was deleted; before they load nothing is said.
 */
export function JobSessionLine({ job }: { job: Job }) {
  const session = useConversationsStore((s) => (job.sessionId ? s.sessions[job.sessionId] : undefined));
  const isLoaded = useConversationsStore((s) => s.isLoaded);
  if (job.mode !== "session") return null;
  if (session) return <p className="text-xs text-stone-600 [overflow-wrap:anywhere] dark:text-stone-400">Runs in {sessionTitle(session)}{session.archivedAt ? " (archived)" : ""}</p>;
  if (!isLoaded) return null;
  return (
    <p className="text-xs text-amber-800 dark:text-amber-300">
      Runs in a session that no longer exists{job.isEnabled ? ": its next run will fail and pause the job" : ""}. Edit the job to pick another session, or to give each run a new worktree.
    </p>
  );
}
