import { RUN_BUDGET_STOP_PREFIX, RUN_TURN_BUDGET_STOP_PREFIX, type ConversationId, type Job } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobEditStore, type JobBudgetField } from "../../stores/job-edit-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { useWorkspaceEditStore } from "../../stores/workspace-edit-store.ts";
import { useRunAgain, useRunOfConversation } from "./run-of-conversation.ts";

/**
 * Above the composer of a job run's conversation once the run has ended: a message there starts Claude again in this
 * session, outside the run — no run, no summary, no pull request, no budget of the job's — so it says so before the
 * message is typed, and offers Run again for the job's own way on (ADR 0143). A run its budget stopped names where
 * that budget is set — the job's settings for its cost (ADR 0151) and for its turns when the job sets a turn budget
 * (ADR 0165), the workspace's for its turns otherwise (ADR 0162), not Session controls — with a way there.
 */
export function EndedRunNotice({ conversationId }: { conversationId: ConversationId }) {
  const jobId = useConversationsStore((s) => s.conversations[conversationId]?.jobId ?? null);
  const run = useRunOfConversation(conversationId, jobId);
  const ownJobId = jobId ?? run?.jobId ?? null;
  const job = useJobsStore((s) => (ownJobId ? s.jobs[ownJobId] : undefined));
  const { runAgain, isBusy, problem } = useRunAgain(ownJobId);
  if (!run || run.endedAt === null) return null;
  // Inset like the composer's box under it, so the two line up at every width.
  return (
    <div className="px-2">
      <div role="status" aria-label="The run has ended" className="mx-auto mb-1 flex w-full max-w-3xl flex-wrap items-center gap-2 rounded-lg border border-stone-300 bg-stone-100 px-3 py-1.5 text-sm text-stone-700 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-300">
        <span className="min-w-0 flex-1">This run has ended. A message continues in this session, not as part of the job&apos;s run.</span>
        {job && run.error?.startsWith(RUN_TURN_BUDGET_STOP_PREFIX) ? (job.maxTurns ? <JobTurnBudgetLink job={job} /> : <WorkspaceTurnBudgetLink job={job} />)
          : job && run.error?.startsWith(RUN_BUDGET_STOP_PREFIX) ? <JobBudgetLink job={job} /> : null}
        {job ? (
          <Button variant="ghost" className="text-xs" disabled={isBusy} onClick={() => void runAgain()}>
            Run again
          </Button>
        ) : null}
        <ErrorText message={problem} className="w-full" />
      </div>
    </div>
  );
}

/** Opens the job's form at one of its budgets (on the goal's screen when the job has a goal). */
function useOpenJobBudget(job: Job, field: JobBudgetField) {
  const go = useNavStore((s) => s.go);
  return () => {
    useJobEditStore.getState().askForBudget(job.id, field);
    go(job.goalId ? { view: "goal", id: job.goalId } : { view: "jobs" });
  };
}

/** "Its budget stopped it": the job's form, opened at its budget. */
function JobBudgetLink({ job }: { job: Job }) {
  const open = useOpenJobBudget(job, "cost");
  return (
    <>
      <span className="w-full">Its budget stopped it: a run&apos;s budget is its job&apos;s.</span>
      <Button variant="ghost" className="text-xs" onClick={open}>
        Edit the job&apos;s budget
      </Button>
    </>
  );
}

/** "Its turn budget stopped it", and the job sets one: its next run takes that, so the job's form opens at it. */
function JobTurnBudgetLink({ job }: { job: Job }) {
  const open = useOpenJobBudget(job, "turns");
  return (
    <>
      <span className="w-full">Its turn budget stopped it: a run&apos;s turn budget is its job&apos;s.</span>
      <Button variant="ghost" className="text-xs" onClick={open}>
        Edit the job&apos;s turn budget
      </Button>
    </>
  );
}

/**
 * "Its turn budget stopped it", and the job sets none: the run took its workspace's default turn budget, so the
 * way on is the workspace's settings, opened at that box; Session controls would change only this ended run.
 */
function WorkspaceTurnBudgetLink({ job }: { job: Job }) {
  const go = useNavStore((s) => s.go);
  const open = () => {
    useWorkspaceEditStore.getState().askForTurnBudget(job.workspaceId);
    go({ view: "workspace", id: job.workspaceId });
  };
  return (
    <>
      <span className="w-full">Its turn budget stopped it: a run&apos;s turn budget is its workspace&apos;s default.</span>
      <Button variant="ghost" className="text-xs" onClick={open}>
        Edit the workspace&apos;s turn budget
      </Button>
    </>
  );
}
