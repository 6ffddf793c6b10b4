import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { Job, JobId, Run } from "../../../../shared/index.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { jobsApi, userTimeZone } from "../../lib/jobs-api.ts";
import { runsOfJob, useJobsStore } from "../../stores/jobs-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { useJobEditStore, type JobBudgetField } from "../../stores/job-edit-store.ts";
import { ConfirmAction } from "./confirm-action.tsx";
import { DayZoneOffer } from "./day-zone-offer.tsx";
import { JobForm } from "./job-form.tsx";
import { JobSessionLine } from "./job-session-line.tsx";
import { formatTime, isOnceTimeMissed, jobTiming, shortSchedule, yourTimeNote } from "./job-labels.ts";
import { RunList } from "./run-list.tsx";
import { RunNowNotice, type RunNowAnswer } from "./run-now-notice.tsx";
import { SchedulePreview } from "./schedule-editor.tsx";
import { RunStatusBadge } from "./run-status-badge.tsx";
import { useAction } from "./use-action.ts";
import { focusTargetAfter, JOB_ACTIONS, useToggleKeepsFocus } from "./keep-focus.ts";
import { ScreenLink } from "../../components/route-link.tsx";

/**
 * Why a "once" time passed without a run: paused then, or — when missed runs are skipped — ChatML was not running
 * (with "run once when ChatML is back" it ran on the restart, ADR 0014).
 */
const MISSED_WHILE: Record<Job["missedPolicy"], string> = {
  run_once: "while it was paused",
  skip: "while it was paused, ChatML was not running or its repository was removed (missed runs are skipped)",
};

/** What a restore does with the fires a removed repository's job missed: as any missed fire (ADRs 0293, 0309). */
const MISSED_ON_RESTORE: Record<Job["missedPolicy"], string> = {
  run_once: "then one catch-up run makes up for all the runs it missed meanwhile",
  skip: "the runs it missed meanwhile are skipped",
};

/** One job: schedule, next fire, last result, run now / edit / pause / resume / delete, and its run history. */
export function JobCard({ job }: { job: Job }) {
  const allRuns = useJobsStore((s) => s.runs);
  const runs = useMemo(() => runsOfJob(allRuns, job.id), [allRuns, job.id]);
  const total = useJobsStore((s) => Math.max(s.runTotals[job.id] ?? 0, runs.length));
  const goal = useJobsStore((s) => (job.goalId ? s.goals[job.goalId] : undefined));
  const hash = useNavStore((s) => s.hash);
  const [isEditing, setIsEditing] = useState(false);
  const [askedBudget, setAskedBudget] = useState<JobBudgetField | null>(null);
  const isAskedToEdit = useJobEditStore((s) => s.jobId === job.id);
  const askedField = useJobEditStore((s) => s.field);
  // Asked from a run its budget stopped: the card opens as the job's form, at that budget, once; the request is taken.
  if (isAskedToEdit && !isEditing) {
    setIsEditing(true);
    setAskedBudget(askedField);
  }
  useEffect(() => {
    if (isAskedToEdit) useJobEditStore.getState().taken();
  }, [isAskedToEdit]);
  // The run under way speaks for the job: a run queued behind it is newer, and its "Queued" hid "Waiting for you".
  const headline = runs.find((run) => run.status === "running" || run.status === "waiting") ?? runs[0];
  const workspace = useConversationsStore((s) => s.workspaces[job.workspaceId]);
  // Enabled, but its workspace was removed or its goal is paused or archived: nothing of it runs on its schedule, and
  // the card must not say it does.
  const isWorkspaceRemoved = job.isEnabled && Boolean(workspace?.archivedAt);
  const heldBy = job.isEnabled && !isWorkspaceRemoved && goal && goal.status !== "active" ? goal : null;
  if (isEditing) return <JobForm job={job} focusedBudget={askedBudget} onDone={() => { setIsEditing(false); setAskedBudget(null); }} />;
  return (
    <article aria-label={`Job ${job.name}`} data-testid="job-card" className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900">
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="min-w-0 flex-1 truncate text-sm font-semibold">{job.name}</h3>
        {headline ? <RunStatusBadge status={headline.status} /> : null}
      </header>
      {isWorkspaceRemoved ? (
        <div role="status" className="text-xs text-amber-800 dark:text-amber-300">
          <ScheduleInWords schedule={job.schedule} />
          <p data-testid="job-timing">Its repository {workspace?.name} was removed: it does not run on its schedule until the repository is restored ({MISSED_ON_RESTORE[job.missedPolicy]}).</p>
        </div>
      ) : heldBy ? (
        <div role="status" className="flex flex-wrap items-center gap-2 text-xs text-amber-800 dark:text-amber-300">
          <div className="min-w-0 flex-1">
            <ScheduleInWords schedule={job.schedule} />
            <p data-testid="job-timing">
              {heldBy.status === "paused" ? "Paused" : "Archived"} with its goal “{heldBy.title}”: it does not run on its schedule until the goal is resumed (Run now still runs it once).
            </p>
          </div>
          {/* An archived goal is listed nowhere: without this its jobs could not be brought back. */}
          {hash === `#/g/${heldBy.id}` ? null : <ScreenLink route={{ view: "goal", id: heldBy.id }} className={buttonLook("secondary")}>Open goal</ScreenLink>}
        </div>
      ) : job.isEnabled ? (
        <>
          {/* A "once" job's timing line names its time; others put their rhythm in words above it. */}
          {job.schedule.kind === "once" ? null : <SchedulePreview schedule={job.schedule} showNext={false} />}
          <p className="text-xs text-stone-600 dark:text-stone-400" data-testid="job-timing">{jobTiming(job, runs, userTimeZone())}</p>
        </>
      ) : (
        <>
          <ScheduleInWords schedule={job.schedule} />
          <p className="text-xs text-stone-600 dark:text-stone-400">Paused</p>
        </>
      )}
      {/* Picked in its form (or by its plan): otherwise nothing on the card said its runs leave the default branch. */}
      {job.mode === "worktree" && job.baseBranch ? <p className="text-xs text-stone-600 [overflow-wrap:anywhere] dark:text-stone-400">Each run starts from <span className="font-mono">{job.baseBranch}</span></p> : null}
      <JobSessionLine job={job} />
      {job.pausedReason ? <p className="text-xs text-red-700 dark:text-red-400">{job.pausedReason}</p> : null}
      <DayZoneOffer job={job} />
      {!heldBy && !isWorkspaceRemoved && isOnceTimeMissed(job) && job.schedule.kind === "once" && !runs.some((run) => job.schedule.kind === "once" && run.queuedAt >= job.schedule.at) ? (
        <div role="status" className="flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 p-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          <p className="min-w-0 flex-1">Its time ({formatTime(job.schedule.at)}) passed {MISSED_WHILE[job.missedPolicy]}, so it did not run — set a new time or run it now.</p>
          <Button onClick={() => setIsEditing(true)}>Set a new time</Button>
        </div>
      ) : null}
      <JobActions job={job} activeRun={headline?.status === "running" || headline?.status === "waiting" ? headline : null} onEdit={() => setIsEditing(true)} runNowUnavailable={workspace?.archivedAt ? `Run now is unavailable until the repository ${workspace.name} is restored.` : null} />
      <details open={runs.length > 0}>
        <summary className="min-h-11 cursor-pointer content-center text-xs font-medium text-stone-600 dark:text-stone-400">History ({total})</summary>
        <RunList jobId={job.id} runs={runs} total={total} />
      </details>
    </article>
  );
}

/**
 * A job's schedule worded as an enabled card words it: a bare cron expression tells most users nothing, so it is put
 * in words; a "once" time is named without the preview (the server's preview refuses one that has passed).
 */
function ScheduleInWords({ schedule }: { schedule: Job["schedule"] }) {
  if (schedule.kind === "once") return <p className="text-xs text-stone-600 dark:text-stone-400">{`${shortSchedule(schedule)}${yourTimeNote(schedule, userTimeZone())}`}</p>;
  return <SchedulePreview schedule={schedule} showNext={false} />;
}

/**
 * `runNowUnavailable` says why Run now cannot run the job (shown under the buttons, and the button's description).
 * `activeRun`: its run under way, which deleting the job does not stop (the card, and its Cancel, go with the job).
 */
function JobActions({ job, activeRun, onEdit, runNowUnavailable }: { job: Job; activeRun: Run | null; onEdit: () => void; runNowUnavailable: string | null }) {
  const action = useAction();
  const reasonId = useId();
  const [runNowAnswer, setRunNowAnswer] = useState<RunNowAnswer | null>(null);
  const actions = useRef<HTMLDivElement>(null);
  const toggleBox = useRef<HTMLSpanElement>(null);
  const pressToggle = useToggleKeepsFocus(toggleBox, job.isEnabled, action.isBusy);
  const id = job.id as JobId;
  const runNow = () => action.run(async () => setRunNowAnswer(await jobsApi.runNow(id)));
  const setEnabled = (isEnabled: boolean) => pressToggle(() => action.run(() => jobsApi.updateJob(id, { isEnabled })));
  const remove = () => {
    // The card goes with the focused button: the keyboard goes on at a neighbour's, not at the top of the page. Found
    // before sending: the socket's news of the deletion may take the card away before the answer comes.
    const next = focusTargetAfter(actions.current?.closest("article") ?? null);
    return action.run(async () => {
      await jobsApi.deleteJob(id);
      useJobsStore.getState().apply({ kind: "removed", entity: "job", id });
      if (document.activeElement === null || document.activeElement === document.body) next?.focus();
    });
  };
  return (
    <>
      <div ref={actions} role="group" aria-label={JOB_ACTIONS} className="flex flex-wrap gap-2">
        <Button disabled={action.isBusy || runNowUnavailable !== null} aria-describedby={runNowUnavailable ? reasonId : undefined} onClick={() => void runNow()}>Run now</Button>
        <Button disabled={action.isBusy} onClick={onEdit} aria-label={`Edit job ${job.name}`}>Edit</Button>
        <span ref={toggleBox} className="contents">
          {job.isEnabled ? (
            <ConfirmAction label="Pause" question="Pause this job? Queued runs are cancelled; a running one goes on." confirmLabel="Pause job" isBusy={action.isBusy} onConfirm={() => void setEnabled(false)} />
          ) : (
            <Button disabled={action.isBusy} onClick={() => void setEnabled(true)}>Resume</Button>
          )}
        </span>
        <ConfirmAction label="Delete" question={`Delete "${job.name}"? Its schedule goes and runs waiting to start are cancelled; its run history stays.${activeRun ? ` Its run ${activeRun.status === "waiting" ? "waiting for you" : "under way"} goes on: cancel it first to stop it.` : ""}`} confirmLabel="Delete job" isDanger isBusy={action.isBusy} onConfirm={() => void remove()} />
      </div>
      {runNowUnavailable ? <p id={reasonId} className="text-xs text-stone-600 dark:text-stone-400">{runNowUnavailable}</p> : null}
      {runNowAnswer ? <RunNowNotice answer={runNowAnswer} onDismiss={() => setRunNowAnswer(null)} /> : null}
      {action.error ? <p role="alert" className="text-xs text-red-700">{action.error}</p> : null}
    </>
  );
}
