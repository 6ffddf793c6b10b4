import { newId, type GoalId, type WorkspaceId } from "../../shared/ids.ts";
import { Goal } from "../../shared/protocol/jobs.ts";
import type { Clock, Db } from "./db.ts";
import { decodeJson, notFound } from "./errors.ts";

type Row = { data: string };
export type NewGoal = Pick<Goal, "workspaceId" | "title" | "description">;

/** Goals: what a user wants done in a workspace, and the plan proposed for it. */
export class GoalRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  create(input: NewGoal): Goal {
    const at = this.now();
    const goal: Goal = {
      id: newId("goal") as GoalId,
      ...input,
      status: "active",
      plan: { status: "none", assessment: "", jobs: [], error: null, feedback: null, approvedAt: null },
      createdAt: at,
      updatedAt: at,
    };
    this.db.run("INSERT INTO goals (id, workspace_id, status, data, created_at, updated_at) VALUES ($id, $workspaceId, $status, $data, $at, $at)", {
      id: goal.id,
      workspaceId: goal.workspaceId,
      status: goal.status,
      data: JSON.stringify(goal),
      at,
    });
    return goal;
  }

  get(id: GoalId): Goal | null {
    const row = this.db.get<Row>("SELECT data FROM goals WHERE id = $id", { id });
    return row ? decodeJson(Goal, row.data, `goal ${id}`) : null;
  }

  /** Every goal (one workspace's when given), most recently changed first. */
  list(workspaceId?: WorkspaceId): Goal[] {
    const rows = workspaceId
      ? this.db.all<Row>("SELECT data FROM goals WHERE workspace_id = $workspaceId ORDER BY updated_at DESC, id", { workspaceId })
      : this.db.all<Row>("SELECT data FROM goals ORDER BY updated_at DESC, id");
    return rows.map((row) => decodeJson(Goal, row.data, "goal"));
  }

  /** Applies `change` to the stored goal and writes it back. */
  update(id: GoalId, change: (goal: Goal) => Omit<Goal, "updatedAt">): Goal {
    return this.db.transaction(() => {
      const current = this.get(id);
      if (!current) throw notFound("goal", id);
      const next: Goal = { ...change(current), id, updatedAt: this.now() };
      this.db.run("UPDATE goals SET status = $status, data = $data, updated_at = $at WHERE id = $id", { id, status: next.status, data: JSON.stringify(next), at: next.updatedAt });
      return next;
    });
  }

  delete(id: GoalId): void {
    this.db.run("DELETE FROM goals WHERE id = $id", { id });
  }
}
