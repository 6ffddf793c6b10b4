import { Hono } from "hono";
import { z } from "zod";
import { CreateJobInput, JobIdParam, RunIdParam, RunsQuery, SchedulePreviewInput, UpdateJobInput } from "../../../shared/api/jobs-inputs.ts";
import { GoalId, WorkspaceId } from "../../../shared/ids.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

/** Jobs (schedule, pause, run now), their runs (history, log, cancel, resume) and the schedule preview. */
export function jobRoutes(services: HttpServices) {
  const { jobs, runs } = services.jobs;
  return new Hono()
    .get("/jobs", validate("query", z.object({ workspaceId: WorkspaceId.optional(), goalId: GoalId.optional() })), (c) => c.json({ jobs: jobs.list(c.req.valid("query")) }))
    .post("/jobs", validate("json", CreateJobInput), (c) => c.json({ job: jobs.create(c.req.valid("json")) }, 201))
    .post("/jobs/schedule-preview", validate("json", SchedulePreviewInput), (c) => {
      const { schedule, timezone } = c.req.valid("json");
      return c.json(jobs.preview(schedule, timezone ?? "UTC"));
    })
    .get("/jobs/:id", validate("param", JobIdParam), (c) => c.json({ job: jobs.shown(jobs.get(c.req.valid("param").id)) }))
    .patch("/jobs/:id", validate("param", JobIdParam), validate("json", UpdateJobInput), (c) => c.json({ job: jobs.shown(jobs.update(c.req.valid("param").id, c.req.valid("json"))) }))
    .delete("/jobs/:id", validate("param", JobIdParam), (c) => {
      jobs.delete(c.req.valid("param").id);
      return c.json({ ok: true as const });
    })
    .post("/jobs/:id/run", validate("param", JobIdParam), (c) => c.json(jobs.runNow(c.req.valid("param").id), 201))
    .get("/runs", validate("query", RunsQuery), (c) => c.json(runs.list(c.req.valid("query"))))
    .get("/runs/:id", validate("param", RunIdParam), (c) => {
      const { id } = c.req.valid("param");
      return c.json({ run: runs.get(id), logs: runs.logs(id) });
    })
    .post("/runs/:id/cancel", validate("param", RunIdParam), async (c) => c.json({ run: await runs.cancel(c.req.valid("param").id) }))
    .post("/runs/:id/resume", validate("param", RunIdParam), async (c) => c.json({ run: await runs.resume(c.req.valid("param").id) }))
    .post("/runs/:id/summary", validate("param", RunIdParam), async (c) => c.json({ run: await runs.summarizeAgain(c.req.valid("param").id) }))
    .post("/runs/:id/pull-request", validate("param", RunIdParam), async (c) => c.json({ pullRequest: await runs.openPullRequest(c.req.valid("param").id) }, 201));
}
