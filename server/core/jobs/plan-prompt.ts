import { z } from "zod";
import { PlannedJob, type Goal } from "../../../shared/protocol/jobs.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { messageOf } from "../../../shared/error-message.ts";

/** What the planning call must answer. */
export const PlanProposal = z.object({ assessment: z.string().max(10_000), jobs: z.array(PlannedJob).min(1).max(20) });
export type PlanProposal = z.infer<typeof PlanProposal>;

/** The one-shot prompt that turns a goal into a proposed plan. `[chatml:plan]` lets the test API recognise it. */
export function planPrompt(goal: Goal, timezone: string, feedback: string | null): string {
  const previous = goal.plan.jobs.length ? `\nThe previous plan was:\n${JSON.stringify({ assessment: goal.plan.assessment, jobs: goal.plan.jobs }, null, 2)}\n` : "";
  return [
    "[chatml:plan] You plan recurring Claude Code jobs for a software repository (the current folder).",
    "Read the goal, look at the repository if useful, and answer ONLY a JSON object, no prose around it:",
    '{"assessment": "<two or three sentences: where things stand and the approach>",',
    ' "jobs": [{"name": "<short name>", "prompt": "<the full instruction one run gets>", "priority": "high"|"normal"|"low",',
    `   "schedule": {"kind": "once", "at": <epoch ms>} | {"kind": "interval", "every": <n>, "unit": "minutes"|"hours"|"days", "timezone": "${timezone}", "at": "HH:MM" (days only: the time of day)}`,
    `     | {"kind": "cron", "expression": "<5-field cron>", "timezone": "${timezone}"}}]}`,
    "Propose one to five concrete jobs. Each run starts in a fresh worktree and knows nothing but its prompt.",
    "",
    `<goal>\n${goal.title}\n\n${goal.description}\n</goal>`,
    previous,
    feedback ? `The user asks to change the plan: ${feedback}` : "",
  ].join("\n");
}

/**
 * Reads the JSON plan out of the answer (tolerating prose or a code fence around it); a clear error otherwise. A
 * schedule the planner gave no zone gets `timezone`, the zone of the device that asked for the plan, before it is
 * checked: a cron schedule cannot be kept without one (it failed as a plan that "does not fit"), and a day interval
 * without one was read in the server's zone, running at another time of day on the user's clocks after a clock
 * change. With no zone asked for, a cron schedule takes UTC, the zone the prompt named.
 */
export function parsePlan(answer: string, timezone?: string): PlanProposal {
  const start = answer.indexOf("{");
  const end = answer.lastIndexOf("}");
  if (start < 0 || end <= start) throw new AppError("bad_request", `The planner answered no JSON plan: ${answer.slice(0, 200)}`);
  let value: unknown;
  try {
    value = JSON.parse(answer.slice(start, end + 1));
  } catch (error) {
    throw new AppError("bad_request", `The planner's plan is not valid JSON: ${messageOf(error)}`);
  }
  const parsed = PlanProposal.safeParse(withZones(value, timezone));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", `The planner's plan does not fit: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim());
  }
  return parsed.data;
}

/** The raw plan with a zone on each schedule that keeps one and was given none (absent, null or ""). */
function withZones(value: unknown, timezone: string | undefined): unknown {
  if (!isRecord(value) || !Array.isArray(value.jobs)) return value;
  const jobs = value.jobs.map((job: unknown) => {
    if (!isRecord(job) || !isRecord(job.schedule) || job.schedule.timezone) return job;
    const zone = zoneFor(job.schedule, timezone);
    return zone ? { ...job, schedule: { ...job.schedule, timezone: zone } } : job;
  });
  return { ...value, jobs };
}

function zoneFor(schedule: Record<string, unknown>, timezone: string | undefined): string | undefined {
  if (schedule.kind === "cron") return timezone ?? "UTC";
  return schedule.kind === "interval" && schedule.unit === "days" ? timezone : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
