import { useRef, useState } from "react";
import type { Goal, GoalId, PlannedJob } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { jobsApi, userTimeZone } from "../../lib/jobs-api.ts";
import { useStoredText } from "../../lib/use-stored-text.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { ScheduleEditor } from "./schedule-editor.tsx";
import { useAction } from "./use-action.ts";

const input = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-sm dark:border-stone-700 dark:bg-stone-900";

/**
 * The proposed plan, editable: the assessment, then each job (name, prompt, schedule) to change, remove or add.
 * Approving creates the jobs; nothing runs before. Re-plan asks again with feedback.
 */
export function PlanReview({ goal, onApproved }: { goal: Goal; /** Told whether the plan had been approved already (another device, an earlier tap). */ onApproved?: (isAlreadyApproved: boolean) => void }) {
  // Edits to the proposed jobs are kept on this device, with the plan they were made to: leaving the screen loses
  // none of them, and a new plan starts from what Claude proposed.
  const proposed = JSON.stringify(goal.plan.jobs);
  const [stored, setStored, forgetEdits] = useStoredText(`chatml.goal-plan-edits.${goal.id}`);
  const jobs = editsOf(stored, proposed) ?? goal.plan.jobs;
  const setJobs = (update: (list: PlannedJob[]) => PlannedJob[]) => setStored(JSON.stringify({ proposed, jobs: update(jobs) }));
  const [feedback, setFeedback, forgetFeedback] = useStoredText(`chatml.goal-feedback.${goal.id}`);
  // Each button's error shows beside it: an approval refused must not show under Re-plan, off a phone's screen.
  const approval = useAction();
  const replanning = useAction();
  const isBusy = approval.isBusy || replanning.isBusy;
  const change = (index: number, patch: Partial<PlannedJob>) => setJobs((list) => list.map((job, i) => (i === index ? { ...job, ...patch } : job)));
  const add = () => setJobs((list) => [...list, { name: "New job", prompt: "", schedule: { kind: "interval", every: 1, unit: "days", timezone: userTimeZone() }, priority: "normal" }]);
  // A refused approval speaks of the jobs it was sent with: edited since, its words no longer hold ("Job 1 has no
  // name" stayed under the name typed since, until the next tap).
  const edited = JSON.stringify(jobs);
  const [refused, setRefused] = useState<string | null>(null);
  // Why the server says each job's schedule cannot fire (a "once" time past, a bad cron), by the job's place.
  const [scheduleProblems, setScheduleProblems] = useState<Record<number, string | null>>({});
  const listRef = useRef<HTMLOListElement>(null);
  const approve = () =>
    void approval
      .run(async () => {
        const refusal = blankField(jobs) ?? unrunnableSchedule(jobs.length, scheduleProblems, listRef.current);
        if (refusal) throw new Error(refusal);
        const approved = await jobsApi.approve(goal.id as GoalId, { jobs });
        forgetEdits();
        // A device whose socket missed the first approval shows it now, not the plan it just approved again.
        useJobsStore.getState().apply({ kind: "goal", goal: approved.goal as Goal });
        onApproved?.(approved.isAlreadyApproved);
      })
      .then((isDone) => setRefused(isDone ? null : edited));
  const replan = () =>
    replanning.run(async () => {
      await jobsApi.plan(goal.id as GoalId, { feedback, timezone: userTimeZone() });
      forgetFeedback();
      forgetEdits();
      setFeedback("");
    });
  return (
    <section aria-label="Proposed plan" className="flex flex-col gap-3">
      <h2 className="text-sm font-semibold">Proposed plan — review before anything runs</h2>
      {goal.plan.assessment ? <p className="rounded-lg bg-stone-100 p-3 text-sm dark:bg-stone-900">{goal.plan.assessment}</p> : null}
      <ol ref={listRef} className="flex flex-col gap-3">
        {jobs.map((job, index) => (
          <li key={index} data-testid="planned-job" className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900">
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">Job {index + 1} name</span>
              <input className={input} value={job.name} onChange={(e) => change(index, { name: e.target.value })} />
            </label>
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">Job {index + 1} prompt</span>
              <textarea className={`${input} min-h-24 py-2`} value={job.prompt} onChange={(e) => change(index, { prompt: e.target.value })} />
            </label>
            <ScheduleEditor label={`Job ${index + 1} schedule`} value={job.schedule} onChange={(schedule) => change(index, { schedule })} onProblem={(problem) => setScheduleProblems((all) => ({ ...all, [index]: problem }))} />
            <Button variant="ghost" className="self-start" aria-label={`Remove job ${index + 1}`} onClick={() => setJobs((list) => list.filter((_, i) => i !== index))}>
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button onClick={add}>Add a job</Button>
        <Button variant="primary" disabled={isBusy || jobs.length === 0} onClick={approve}>
          Approve plan ({jobs.length} {jobs.length === 1 ? "job" : "jobs"})
        </Button>
      </div>
      {approval.error && refused === edited ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{approval.error}</p> : null}
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Feedback for a new plan</span>
        <textarea className={`${input} min-h-16 py-2`} value={feedback} onChange={(e) => setFeedback(e.target.value)} placeholder="e.g. fewer jobs, run nightly instead" />
      </label>
      <Button className="self-start" disabled={isBusy} onClick={replan}>
        Re-plan
      </Button>
      {replanning.error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{replanning.error}</p> : null}
    </section>
  );
}

/** The first job left without a name or prompt, said as its fields are labelled ("Job 2 has no name."), or null. */
function blankField(jobs: PlannedJob[]): string | null {
  const index = jobs.findIndex((job) => !job.name.trim() || !job.prompt.trim());
  if (index < 0) return null;
  return `Job ${index + 1} has no ${jobs[index]!.name.trim() ? "prompt" : "name"}: give it one, or remove the job.`;
}

/**
 * The first job whose schedule the server says cannot fire, as the job form does it: the approval would only be
 * refused for it, so nothing is sent and its schedule takes the focus (which scrolls it, and the reason under it, into view).
 */
function unrunnableSchedule(count: number, problems: Record<number, string | null>, list: HTMLOListElement | null): string | null {
  const index = Array.from({ length: count }, (_, i) => i).find((i) => problems[i]);
  if (index === undefined) return null;
  list?.children[index]?.querySelector<HTMLElement>("fieldset input")?.focus();
  return `Job ${index + 1}'s schedule cannot run (said under it): change it, or remove the job.`;
}

/** The user's edits to the jobs, if they were made to this proposal (`proposed`, as JSON). */
function editsOf(stored: string, proposed: string): PlannedJob[] | null {
  if (!stored) return null;
  try {
    const edits = JSON.parse(stored) as { proposed?: unknown; jobs?: unknown };
    return edits.proposed === proposed && Array.isArray(edits.jobs) ? (edits.jobs as PlannedJob[]) : null;
  } catch (error) {
    console.warn("chatml: stored plan edits ignored", error);
    return null;
  }
}
