import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";

/** A refusal's status and the message the app shows for it. */
async function refusal(server: TestServer, path: string, init: RequestInit = {}): Promise<{ status: number; message: string }> {
  const response = await api(server, path, init);
  const body = (await response.json()) as { error?: { message?: string } };
  return { status: response.status, message: body.error?.message ?? "" };
}

const post = (body: unknown): RequestInit => ({ method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });
const patch = (body: unknown): RequestInit => ({ method: "PATCH", body: JSON.stringify(body) });

/*
 * Every jobs and goals route refuses bad input with a 400 whose message says what is wrong, in words (the one
 * `validate` → `bad_request` path), and an unknown id with a 404: a script or another device learns what to fix.
 */
describe("the jobs routes' bad input", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ claudeBin: null });
  });
  afterAll(async () => {
    await server.cleanup();
  });

  it.each([
    ["/api/runs?conversationId=cnv_abcdef123", "conversationId asks for a job's runs: give its jobId too."],
    ["/api/runs?before=run_abcdef123", "before and limit page one job's runs: give its jobId too."],
    ["/api/runs?jobId=job_abcdef123&limit=0", "Limit must be at least 1."],
    ["/api/runs?jobId=job_abcdef123&limit=many", "Limit must be a number."],
    ["/api/runs?jobId=nightly", "Job id: expected a job id."],
    ["/api/jobs?workspaceId=parser", "Workspace id: expected a workspace id."],
    ["/api/goals?workspaceId=parser", "Workspace id: expected a workspace id."],
    ["/api/jobs/nightly", "Id: expected a job id."],
    ["/api/runs/nightly", "Id: expected a run id."],
    ["/api/goals/nightly", "Id: expected a goal id."],
  ])("GET %s is a 400: %s", async (path, message) => {
    expect(await refusal(server, path)).toEqual({ status: 400, message });
  });

  it.each([
    ["/api/jobs/job_abcdef123", "job"],
    ["/api/runs/run_abcdef123", "run"],
    ["/api/goals/gol_abcdef123", "goal"],
  ])("GET %s of no %s is a 404", async (path) => {
    expect((await refusal(server, path)).status).toBe(404);
  });

  it("refuses a job without its fields, naming each", async () => {
    const { status, message } = await refusal(server, "/api/jobs", post({ name: "" }));
    expect(status).toBe(400);
    for (const field of ["Workspace id is required", "Name must not be empty", "Prompt is required", "Schedule is required"]) expect(message).toContain(field);
  });

  it("refuses a body that is not JSON", async () => {
    const { status, message } = await refusal(server, "/api/jobs", post("{name:"));
    expect(status).toBe(400);
    expect(message).toBe("Malformed JSON in request body");
  });

  it("refuses a schedule preview of an unknown kind or a time of day on hours, saying why", async () => {
    expect((await refusal(server, "/api/jobs/schedule-preview", post({ schedule: { kind: "weekly" } }))).status).toBe(400);
    const hours = await refusal(server, "/api/jobs/schedule-preview", post({ schedule: { kind: "interval", every: 2, unit: "hours", at: "09:00" } }));
    expect(hours.status).toBe(400);
    expect(hours.message).toMatch(/days/);
  });

  it.each([
    ["PATCH", "/api/jobs/job_abcdef123", patch({ timeoutMinutes: -1 }), "Timeout minutes must be more than 0."],
    ["POST", "/api/jobs/nightly/run", post({}), "Id: expected a job id."],
    ["POST", "/api/runs/nightly/cancel", post({}), "Id: expected a run id."],
    ["POST", "/api/runs/nightly/resume", post({}), "Id: expected a run id."],
    ["POST", "/api/runs/nightly/summary", post({}), "Id: expected a run id."],
    ["POST", "/api/runs/nightly/pull-request", post({}), "Id: expected a run id."],
    ["POST", "/api/goals", post({ title: "" }), "Workspace id is required. Title must not be empty."],
    ["PATCH", "/api/goals/gol_abcdef123", patch({ status: "sleeping" }), 'Status must be one of "active", "paused", "archived".'],
    ["POST", "/api/goals/gol_abcdef123/approve", post({ jobIndexes: "all" }), "Jobs is required."],
  ])("%s %s is a 400: %s", async (method, path, init, message) => {
    expect(await refusal(server, path, { ...init, method })).toEqual({ status: 400, message });
  });
});
