import type { LinearState } from "../../integrations/linear/linear-api.ts";

/** Where a session's road has got to: it started, its PR opened, its PR was merged. */
export type LinearMilestone = "started" | "inReview" | "done";

/** How far along each state category is; an issue only ever moves forward. */
const RANK: Record<string, number> = { triage: 0, backlog: 0, unstarted: 0, started: 1, completed: 3, canceled: 3 };

/**
 * The team's state an issue moves to at a milestone, or null to leave it alone: "In Progress" (the first started
 * state) when the session starts, a started state named like "review" when the PR opens (teams without one stay put),
 * the first completed state ("Done") when the PR is merged. Never backwards, never out of Done or Canceled.
 */
export function targetState(states: LinearState[], current: { id: string | null; type: string | null }, milestone: LinearMilestone): LinearState | null {
  const ordered = [...states].sort((a, b) => a.position - b.position);
  const started = ordered.filter((s) => s.type === "started");
  const review = started.find((s) => /review/i.test(s.name)) ?? null;
  const target =
    milestone === "started"
      ? (started.find((s) => /progress/i.test(s.name)) ?? started.find((s) => s !== review) ?? null)
      : milestone === "inReview"
        ? review
        : (ordered.find((s) => s.type === "completed" && /done/i.test(s.name)) ?? ordered.find((s) => s.type === "completed") ?? null);
  if (!target || target.id === current.id) return null;
  const currentRank = current.id === review?.id ? 2 : (RANK[current.type ?? ""] ?? 0);
  const targetRank = target.id === review?.id ? 2 : (RANK[target.type] ?? 0);
  return targetRank > currentRank ? target : null;
}
