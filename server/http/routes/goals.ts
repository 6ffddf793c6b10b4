import { Hono } from "hono";
import { z } from "zod";
import { ApprovePlanInput, CreateGoalInput, GoalIdParam, PlanGoalInput, UpdateGoalInput } from "../../../shared/api/jobs-inputs.ts";
import { WorkspaceId } from "../../../shared/ids.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

/** Goals and their plans: create (planning starts), edit, pause/archive, re-plan, approve. */
export function goalRoutes(services: HttpServices) {
  const { goals } = services.jobs;
  return new Hono()
    .get("/goals", validate("query", z.object({ workspaceId: WorkspaceId.optional() })), (c) => c.json({ goals: goals.list(c.req.valid("query").workspaceId) }))
    .post("/goals", validate("json", CreateGoalInput), (c) => c.json({ goal: goals.create(c.req.valid("json")) }, 201))
    .get("/goals/:id", validate("param", GoalIdParam), (c) => {
      const { id } = c.req.valid("param");
      return c.json({ goal: goals.get(id), jobs: services.jobs.jobs.list({ goalId: id }) });
    })
    .patch("/goals/:id", validate("param", GoalIdParam), validate("json", UpdateGoalInput), (c) => c.json({ goal: goals.update(c.req.valid("param").id, c.req.valid("json")) }))
    .post("/goals/:id/plan", validate("param", GoalIdParam), validate("json", PlanGoalInput), (c) => c.json({ goal: goals.plan(c.req.valid("param").id, c.req.valid("json")) }))
    .post("/goals/:id/approve", validate("param", GoalIdParam), validate("json", ApprovePlanInput), (c) => c.json(goals.approve(c.req.valid("param").id, c.req.valid("json"))));
}
