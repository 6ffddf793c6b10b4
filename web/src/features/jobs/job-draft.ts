import { CreateJobInput, ScheduleSpec, UpdateJobInput, type EffortLevel, type Job, type JobMode, type MissedPolicy, type PermissionMode } from "../../../../shared/index.ts";
import { userTimeZone } from "../../lib/jobs-api.ts";
import { readableIssue } from "../../lib/readable-issue.ts";

/** A job as its form holds it: numbers stay text until saved, so a half-typed value is never lost. */
export type JobDraft = {
  workspaceId: string;
  name: string;
  prompt: string;
  schedule: ScheduleSpec;
  mode: JobMode;
  sessionId: string;
  /** Each worktree run's base branch; empty: the repository's default. */
  baseBranch: string;
  model: string;
  /** Empty: the CLI's default. */
  effort: EffortLevel | "";
  permissionMode: PermissionMode;
  maxBudgetUsd: string;
  /** Empty: each run takes its workspace's default turn budget. */
  maxTurns: string;
  timeoutMinutes: string;
  maxRetries: string;
  missedPolicy: MissedPolicy;
};

export type DraftField = keyof JobDraft;
/** What a draft becomes: the input to save, or one message per field that is wrong. */
export type DraftResult<T> = { ok: true; input: T } | { ok: false; errors: Partial<Record<DraftField, string>> };

export const FIELD_LABELS: Record<DraftField, string> = {
  workspaceId: "Repository",
  name: "Name",
  prompt: "Prompt",
  schedule: "Schedule",
  mode: "Runs in",
  sessionId: "Session",
  baseBranch: "Base branch",
  model: "Model",
  effort: "Effort",
  permissionMode: "Permission mode",
  maxBudgetUsd: "Budget (USD)",
  maxTurns: "Turn budget",
  timeoutMinutes: "Time limit (minutes)",
  maxRetries: "Retries",
  missedPolicy: "Missed runs",
};

/** A fresh draft: runs every day in a new worktree, the server's defaults otherwise. */
export function emptyDraft(workspaceId: string): JobDraft {
  return {
    workspaceId,
    name: "",
    prompt: "",
    // The zone keeps "every day" at its time of day on this device's clocks when they change (ADR 0108).
    schedule: { kind: "interval", every: 1, unit: "days", timezone: userTimeZone() },
    mode: "worktree",
    sessionId: "",
    baseBranch: "",
    model: "",
    effort: "",
    permissionMode: "default",
    maxBudgetUsd: "",
    maxTurns: "",
    timeoutMinutes: "30",
    maxRetries: "3",
    missedPolicy: "run_once",
  };
}

/**
 * A draft read back from the device, corrected where its fields' types cannot tell: a schedule of an unknown shape
 * and a repository not chosen yet (the list had not loaded when it was stored) take the fresh form's, as does a field
 * a draft stored before it existed lacks (the turn budget, the effort level).
 */
export function checkStoredDraft(draft: JobDraft, fresh: JobDraft): JobDraft {
  return { ...draft, maxTurns: typeof draft.maxTurns === "string" ? draft.maxTurns : fresh.maxTurns, effort: typeof draft.effort === "string" ? draft.effort : fresh.effort, schedule: ScheduleSpec.safeParse(draft.schedule).success ? draft.schedule : fresh.schedule, workspaceId: draft.workspaceId || fresh.workspaceId };
}

/** The draft of an existing job (its edit form starts here). */
export function draftOf(job: Job): JobDraft {
  return {
    workspaceId: job.workspaceId,
    name: job.name,
    prompt: job.prompt,
    schedule: job.schedule,
    mode: job.mode,
    sessionId: job.sessionId ?? "",
    baseBranch: job.baseBranch ?? "",
    model: job.model ?? "",
    effort: job.effort ?? "",
    permissionMode: job.permissionMode,
    maxBudgetUsd: job.maxBudgetUsd === null ? "" : String(job.maxBudgetUsd),
    maxTurns: job.maxTurns == null ? "" : String(job.maxTurns),
    timeoutMinutes: String(job.timeoutMinutes),
    maxRetries: String(job.maxRetries),
    missedPolicy: job.missedPolicy,
  };
}

/** An edit's draft moved onto a newer version of its job, and what that version changed. */
export type RebasedDraft = { draft: JobDraft; changed: DraftField[]; overridden: DraftField[] };

/**
 * An edit's draft moved from the job it started from (`was`) onto its newer version (`now`, saved on another
 * device): a field left as it was takes the newer value, a field changed here stays as typed. `changed` names what the
 * newer version changed; `overridden`, which of those this draft changed too (saving it puts this draft's back).
 * Saving the draft as it was put every other field of the old version back, without a word.
 */
export function rebaseDraft(draft: JobDraft, was: JobDraft, now: JobDraft): RebasedDraft {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const next = { ...draft } as Record<DraftField, unknown>;
  const changed: DraftField[] = [];
  const overridden: DraftField[] = [];
  for (const field of Object.keys(FIELD_LABELS) as DraftField[]) {
    if (same(was[field], now[field])) continue;
    changed.push(field);
    if (same(draft[field], was[field])) next[field] = now[field];
    else if (!same(draft[field], now[field])) overridden.push(field);
  }
  return { draft: next as JobDraft, changed, overridden };
}

/** Checks a new job's draft against the API's contract ({@link CreateJobInput}). */
export function toCreateInput(draft: JobDraft): DraftResult<CreateJobInput> {
  const numbers = parseNumbers(draft);
  if (!numbers.ok) return numbers;
  return check(CreateJobInput, { ...options(draft), ...numbers.input, workspaceId: draft.workspaceId, name: draft.name, prompt: draft.prompt, schedule: withDeviceZone(draft.schedule) });
}

/**
 * Checks an edited job's draft ({@link UpdateJobInput}); everything is sent, so the job ends up as the form shows it —
 * except an unchanged schedule, which would count the next fire from now again (and refuse a past "once" time).
 */
export function toUpdateInput(draft: JobDraft, job: Pick<Job, "schedule">): DraftResult<UpdateJobInput> {
  const numbers = parseNumbers(draft);
  if (!numbers.ok) return numbers;
  // A day interval without a zone stays so: its zone list shows "Server's zone" (ADR 0142), and what it shows is saved.
  const schedule = JSON.stringify(draft.schedule) === JSON.stringify(job.schedule) ? undefined : draft.schedule;
  return check(UpdateJobInput, { ...options(draft), ...numbers.input, name: draft.name, prompt: draft.prompt, ...(schedule ? { schedule } : {}) });
}

/**
 * A new day interval without a zone (a draft kept from before jobs kept one) takes this device's: the server's clocks
 * may change at other dates (ADR 0120).
 */
function withDeviceZone(schedule: ScheduleSpec): ScheduleSpec {
  return schedule.kind === "interval" && schedule.unit === "days" && !schedule.timezone ? { ...schedule, timezone: userTimeZone() } : schedule;
}

function options(draft: JobDraft) {
  return {
    mode: draft.mode,
    sessionId: draft.mode === "session" ? draft.sessionId || null : null,
    baseBranch: draft.mode === "worktree" ? draft.baseBranch || null : null,
    model: draft.model.trim() || null,
    effort: draft.effort || null,
    permissionMode: draft.permissionMode,
    missedPolicy: draft.missedPolicy,
  };
}

type Numbers = { maxBudgetUsd: number | null; maxTurns: number | null; timeoutMinutes: number; maxRetries: number };

/** Text to numbers, saying which field is not one (zod would only see NaN); a fixed session must be picked. */
function parseNumbers(draft: JobDraft): DraftResult<Numbers> {
  const errors: Partial<Record<DraftField, string>> = {};
  const number = (field: "maxBudgetUsd" | "maxTurns" | "timeoutMinutes" | "maxRetries") => {
    const value = Number(draft[field].trim());
    if (draft[field].trim() === "" || !Number.isFinite(value)) errors[field] = `${FIELD_LABELS[field]}: enter a number.`;
    return value;
  };
  const maxBudgetUsd = draft.maxBudgetUsd.trim() === "" ? null : number("maxBudgetUsd");
  const maxTurns = draft.maxTurns.trim() === "" ? null : number("maxTurns");
  if (draft.mode === "session" && !draft.sessionId) errors.sessionId = "Session: pick the session every run continues in.";
  const input = { maxBudgetUsd, maxTurns, timeoutMinutes: number("timeoutMinutes"), maxRetries: number("maxRetries") };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, input };
}

function check<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: object): DraftResult<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Partial<Record<DraftField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = (String(issue.path[0] ?? "name") in FIELD_LABELS ? String(issue.path[0]) : "name") as DraftField;
    errors[field] ??= `${FIELD_LABELS[field]}: ${readableIssue(issue.message)}`;
  }
  return { ok: false, errors };
}
