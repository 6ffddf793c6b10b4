import type { GoalId, JobId } from "./ids.ts";
import { plural } from "./plural.ts";

/**
 * Everything a workspace can own, by kind: what removing it keeps (archived, restorable), and what makes it more than
 * an empty entry that Remove forgets (ADR 0248). The order is the order the Remove dialog names them in.
 */
export const HOLDING_KINDS = [
  "conversations",
  "sessions",
  "goals",
  "jobs",
  "runs",
  "mcpServers",
  "skillSettings",
  "integrationSettings",
  "pullRequests",
  "budgets",
  "workspaceSettings",
] as const;
export type HoldingKind = (typeof HOLDING_KINDS)[number];

/** How many things of each kind a workspace owns. */
export type WorkspaceHoldings = Record<HoldingKind, number>;

/** Whether the workspace owns nothing at all: removing it then forgets it instead of keeping it under "Removed workspaces". */
export function isEmptyWorkspace(holdings: WorkspaceHoldings): boolean {
  return HOLDING_KINDS.every((kind) => holdings[kind] === 0);
}

/**
 * The goals and jobs a workspace owns, in words ("1 goal and 2 jobs"; "" when none): deleting its history deletes them
 * too, so the Remove dialog names them and asks for that first (ADR 0261).
 */
export function ownedPlans({ goals, jobs }: Pick<WorkspaceHoldings, "goals" | "jobs">): string {
  return [goals > 0 ? plural(goals, "goal") : null, jobs > 0 ? plural(jobs, "job") : null].filter(Boolean).join(" and ");
}

/**
 * The goals and jobs a workspace owns, by name, oldest first: what the Remove dialog lists, and what the user confirms
 * (by id) deleting with its history; the server refuses the deletion if they changed meanwhile (ADR 0261).
 */
export type WorkspacePlans = { goals: { id: GoalId; title: string }[]; jobs: { id: JobId; name: string }[] };
