import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import type { Job, JobId, WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { BaseBranchField } from "../../components/base-branch-field.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { jobsApi } from "../../lib/jobs-api.ts";
import { useStoredDraft } from "../../lib/use-stored-draft.ts";
import { forgetStoredUnder } from "../../lib/use-stored-text.ts";
import { useBranchChoices } from "../../lib/use-branch-choices.ts";
import { sessionTitle } from "../../lib/shown-title.ts";
import { selectLiveSessions, selectWorkspaces, useConversationsStore } from "../../stores/conversations-store.ts";
import type { JobBudgetField } from "../../stores/job-edit-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { Field, INPUT } from "./form-field.tsx";
import { checkStoredDraft, draftOf, emptyDraft, FIELD_LABELS, rebaseDraft, toCreateInput, toUpdateInput, type DraftField, type JobDraft, type RebasedDraft } from "./job-draft.ts";
import { JobOptionFields } from "./job-option-fields.tsx";
import { ScheduleEditor } from "./schedule-editor.tsx";
import { useAction } from "./use-action.ts";

/**
 * Creates a job without a goal, or edits one: prompt, schedule, where it runs, model, permission mode, budget, time
 * limit, retries and missed-run policy. Checked against the API's contract before sending; on any error the form
 * keeps what was typed and says what is wrong.
 */
export function JobForm({ job, onDone, focusedBudget = null }: { job?: Job; onDone: () => void; focusedBudget?: JobBudgetField | null }) {
  const workspaces = useConversationsStore(useShallow(selectWorkspaces));
  // Kept on the device until saved or cancelled; an edit's draft belongs to the version of the job it started from.
  const draftKey = job ? `chatml.job-draft.${job.id}.${job.updatedAt}` : "chatml.job-draft.new";
  const [draft, setDraft, forgetDraft] = useStoredDraft<JobDraft>(draftKey, job ? draftOf(job) : emptyDraft(workspaces[0]?.id ?? ""), checkStoredDraft);
  // An older version's draft can never be opened again (a version only moves forward) and the draft moved onto this
  // one: dropped here, after the old key's last save on leaving it, or every save elsewhere left one behind.
  const jobId = job?.id;
  useEffect(() => {
    if (jobId) forgetStoredUnder(`chatml.job-draft.${jobId}.`, draftKey);
  }, [jobId, draftKey]);
  // The version of the job the draft stands on. Saved on another device meanwhile, the draft moves onto the new one
  // and says what changed there: saved as it was, it put the other device's changes back without a word.
  const [seen, setSeen] = useState(job);
  const [elsewhere, setElsewhere] = useState<Omit<RebasedDraft, "draft"> | null>(null);
  if (job && seen && job.updatedAt !== seen.updatedAt) {
    const rebased = rebaseDraft(draft, draftOf(seen), draftOf(job));
    setSeen(job);
    setDraft(() => rebased.draft);
    if (rebased.changed.length > 0) setElsewhere((before) => ({ changed: union(before?.changed, rebased.changed), overridden: union(before?.overridden, rebased.overridden) }));
  }
  const [errors, setErrors] = useState<Partial<Record<DraftField, string>>>({});
  // Why the server says the schedule cannot fire (a "once" time past, a bad cron), shown under it by its preview.
  const [scheduleProblem, setScheduleProblem] = useState<string | null>(null);
  const scheduleRef = useRef<HTMLDivElement>(null);
  const action = useAction();
  const set = <K extends DraftField>(field: K, value: JobDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = job ? toUpdateInput(draft, job) : toCreateInput(draft);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    // Sending would only bring the same refusal back, said a second time by the button: the schedule's own time,
    // count or expression takes the focus instead, which scrolls it and the refusal under it into view.
    if (scheduleProblem) {
      scheduleRef.current?.querySelector("input")?.focus();
      return;
    }
    const isSaved = await action.run(async () => {
      const { job: saved } = job ? await jobsApi.updateJob(job.id as JobId, checked.input) : await jobsApi.createJob(checked.input as Parameters<typeof jobsApi.createJob>[0]);
      useJobsStore.getState().apply({ kind: "job", job: saved as Job });
    });
    if (!isSaved) return;
    forgetDraft();
    onDone();
  };
  const cancel = () => {
    forgetDraft();
    onDone();
  };
  const title = job ? `Edit job ${job.name}` : "New job";
  return (
    <form onSubmit={onSubmit} aria-label={title} noValidate className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
      <h2 className="text-sm font-semibold">{job ? "Edit job" : "New job"}</h2>
      {elsewhere ? <p role="status" className="rounded-lg bg-amber-50 p-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">{elsewhereText(elsewhere)}</p> : null}
      {job ? null : (
        <Field label="Repository" error={errors.workspaceId}>
          <select className={INPUT} value={draft.workspaceId} onChange={(e) => set("workspaceId", e.target.value)}>
            {workspaces.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}
          </select>
        </Field>
      )}
      <Field label="Name" error={errors.name}>
        <input className={INPUT} value={draft.name} onChange={(e) => set("name", e.target.value)} placeholder="Keep dependencies current" />
      </Field>
      <Field label="Prompt" error={errors.prompt}>
        <textarea className={`${INPUT} min-h-28 py-2`} value={draft.prompt} onChange={(e) => set("prompt", e.target.value)} placeholder="What Claude does on every run" />
      </Field>
      <div ref={scheduleRef}>
        <ScheduleEditor label="Schedule" value={draft.schedule} saved={job?.schedule} onChange={(schedule) => set("schedule", schedule)} onProblem={setScheduleProblem} />
        <ErrorText message={scheduleProblem ? null : (errors.schedule ?? null)} className="text-xs" />
      </div>
      <SessionField draft={draft} error={errors.sessionId} onChange={set} />
      <JobOptionFields draft={draft} errors={errors} onChange={set} focusedBudget={focusedBudget} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={action.isBusy}>{job ? "Save job" : "Create job"}</Button>
        <Button variant="ghost" onClick={cancel}>Cancel</Button>
      </div>
      {/* Sent before the preview had answered, the server's refusal is the preview's own: said once, there. */}
      <ErrorText message={action.error === scheduleProblem ? null : action.error} />
    </form>
  );
}

/**
 * Where runs happen: a new worktree each time (from the repository's default branch or one picked; a planned job may
 * carry one), or a new conversation in one fixed session of the repository.
 */
function SessionField({ draft, error, onChange }: { draft: JobDraft; error: string | undefined; onChange: <K extends DraftField>(field: K, value: JobDraft[K]) => void }) {
  const allSessions = useConversationsStore(useShallow(selectLiveSessions));
  const sessions = useMemo(() => allSessions.filter((s) => s.workspaceId === (draft.workspaceId as WorkspaceId)), [allSessions, draft.workspaceId]);
  const workspace = useConversationsStore((s) => s.workspaces[draft.workspaceId as WorkspaceId]);
  const branches = useBranchChoices(draft.workspaceId as WorkspaceId, draft.mode === "worktree" && Boolean(workspace?.isGitRepo));
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label="Runs in">
        <select className={INPUT} value={draft.mode} onChange={(e) => onChange("mode", e.target.value as JobDraft["mode"])}>
          <option value="worktree">A new worktree session each run</option>
          <option value="session">One fixed session</option>
        </select>
      </Field>
      {draft.mode === "session" ? (
        <Field label="Session" error={error}>
          <select className={INPUT} value={draft.sessionId} onChange={(e) => onChange("sessionId", e.target.value)}>
            <option value="">Pick a session…</option>
            {sessions.map((s) => <option key={s.id} value={s.id}>{sessionTitle(s)}</option>)}
          </select>
        </Field>
      ) : workspace?.isGitRepo ? (
        <BaseBranchField value={draft.baseBranch} defaultBranch={workspace.defaultBranch} choices={branches} onChange={(branch) => onChange("baseBranch", branch)} />
      ) : null}
    </div>
  );
}

function union(before: DraftField[] | undefined, added: DraftField[]): DraftField[] {
  return [...new Set([...(before ?? []), ...added])];
}

/** What another device's save changed in the job being edited here, and which of it this edit puts back. */
function elsewhereText({ changed, overridden }: Omit<RebasedDraft, "draft">): string {
  const names = (fields: DraftField[]) => fields.map((field) => FIELD_LABELS[field]).join(", ");
  const kept = changed.filter((field) => !overridden.includes(field));
  const shown = kept.length > 0 ? ` The form shows their ${names(kept)}.` : "";
  const yours = overridden.length > 0 ? ` Your ${names(overridden)} replaces theirs when you save.` : "";
  return `Saved on another device while you were editing.${shown}${yours}`;
}
