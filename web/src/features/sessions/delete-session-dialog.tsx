import { useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { plural, type Job, type Run, type Session, type SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { ModalSheet } from "../../components/modal-sheet.tsx";
import { ApiError, errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { selectTerminals, useTerminalsStore } from "../../stores/terminals-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { quotedTitles, useWorkingConversations } from "./working-conversations.ts";
import { sessionTitle } from "../../lib/shown-title.ts";

/**
 * Deleting a session says what goes (its conversations, its worktree) and what stays (the folder, the branch unless
 * chosen, the record of job runs held in it), offers Archive instead, and afterwards tells what happened to the
 * branch. Cancel always cancels.
 */
export function DeleteSessionDialog({ session, onClose }: { session: Session; onClose: () => void }) {
  const conversations = useConversationsStore((s) => Object.values(s.conversations).filter((c) => c.sessionId === session.id).length);
  const working = useWorkingConversations(session.id);
  const runningTerminals = useTerminalsStore((s) => selectTerminals(session.id)(s).filter((t) => t.status === "running").length);
  const jobNotes = useJobsStore(useShallow((s) => jobNotesFor(session.id, Object.values(s.runs), Object.values(s.jobs))));
  const [deleteBranch, setDeleteBranch] = useState(false);
  const [uncommitted, setUncommitted] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = sessionTitle(session);
  const hasBranch = session.kind !== "folder" && session.branch;
  const remove = async (force: boolean) => {
    setIsBusy(true);
    setError(null);
    try {
      const result = await workspacesApi.deleteSession(session.id as SessionId, { force, deleteBranch: Boolean(hasBranch) && deleteBranch });
      useUiStore.getState().showNotice(outcome(name, result));
      onClose();
      useNavStore.getState().go({ view: "workspace", id: session.workspaceId });
    } catch (e) {
      const isDirty = e instanceof ApiError && e.code === "conflict" && !force;
      setUncommitted(isDirty ? errorMessage(e) : null);
      if (!isDirty) setError(errorMessage(e));
    } finally {
      setIsBusy(false);
    }
  };
  const archive = () => void workspacesApi.archive(session.id as SessionId).then(onClose, (e: unknown) => setError(errorMessage(e)));
  return (
    <ModalSheet title={`Delete the session “${name}”?`} onClose={onClose}>
      <ul className="list-disc space-y-1 pl-5 text-sm text-stone-600 dark:text-stone-300">
        <li>{plural(conversations, "conversation")} and {conversations === 1 ? "its" : "their"} history are deleted.</li>
        {session.kind === "folder" ? (
          <li>The folder <span className="break-all font-mono text-xs">{session.cwd}</span> is not touched.</li>
        ) : (
          <li>The worktree <span className="break-all font-mono text-xs">{session.worktreePath ?? session.cwd}</span> is removed.</li>
        )}
        {hasBranch ? (
          <li>
            The branch <span className="font-mono text-xs">{session.branch}</span>{" "}
            {session.kind === "worktree" ? "goes too if it is merged into its base; otherwise it is kept unless you tick below." : "is kept unless you tick below."}
          </li>
        ) : null}
        {working.length > 0 ? (
          <li className="font-medium text-red-700 dark:text-red-400">
            Claude is working in {quotedTitles(working)}: deleting stops {working.length === 1 ? "it" : "them"} mid-turn (archiving does too).
          </li>
        ) : null}
        {runningTerminals > 0 ? <li>{plural(runningTerminals, "running terminal")} and what runs in {runningTerminals === 1 ? "it" : "them"} end (archiving ends them too).</li> : null}
        {jobNotes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      {hasBranch ? (
        <label className="flex min-h-11 items-center gap-3 rounded-lg border border-stone-200 px-3 text-sm dark:border-stone-700">
          <input type="checkbox" className="size-5" checked={deleteBranch} onChange={(e) => setDeleteBranch(e.target.checked)} />
          <span>Also delete the branch {session.branch}, even if not merged</span>
        </label>
      ) : null}
      {uncommitted ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{uncommitted}</p> : null}
      <ErrorText message={error} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>Cancel</Button>
        {session.archivedAt === null ? <Button onClick={archive} disabled={isBusy}>Archive instead</Button> : null}
        <Button variant="danger" disabled={isBusy} onClick={() => void remove(Boolean(uncommitted))}>
          {uncommitted ? "Delete anyway (lose changes)" : "Delete session"}
        </Button>
      </div>
    </ModalSheet>
  );
}

/**
 * What deleting the session does to jobs, as far as the jobs store knows (it holds recent runs): a run held in it
 * keeps its record and loses its work; a job that runs in this session fails its next run and is paused (run-launch.ts).
 */
function jobNotesFor(sessionId: string, runs: Pick<Run, "sessionId" | "jobName">[], jobs: Pick<Job, "sessionId" | "mode" | "name">[]): string[] {
  const runsByJob = new Map<string, number>();
  for (const run of runs) if (run.sessionId === sessionId) runsByJob.set(run.jobName, (runsByJob.get(run.jobName) ?? 0) + 1);
  const notes = [...runsByJob].map(([name, count]) =>
    count === 1
      ? `This session holds the run of job “${name}”; the run's record stays, its work goes.`
      : `This session holds ${count} runs of job “${name}”; their records stay, their work goes.`,
  );
  for (const job of jobs) {
    if (job.mode === "session" && job.sessionId === sessionId) notes.push(`Job “${job.name}” runs in this session; its next run fails and pauses the job until you give it another session.`);
  }
  return notes;
}

function outcome(name: string, result: { deletedBranch: string | null; keptBranch: string | null }): string {
  if (result.deletedBranch) return `Deleted “${name}” and its branch ${result.deletedBranch}.`;
  if (result.keptBranch) return `Deleted “${name}”. Its branch ${result.keptBranch} was kept.`;
  return `Deleted “${name}”.`;
}
