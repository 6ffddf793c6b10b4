import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Run, RunLogEntry } from "../../../shared/protocol/jobs.ts";
import { writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { startTestServer, type TestServer } from "../../test-support/test-server.ts";
import { addWorkspace, call, createJob, eventually, makeRepo, runsOf } from "./jobs-test-kit.ts";

/** Resuming a run a restart cut off, through the real server with the scripted fake CLI (`hang` never answers). */
describe("resuming a run", { timeout: 60_000 }, () => {
  let server: TestServer;
  let claudeBin: string;
  let repo: string;
  let dataDir: string;
  const start = () => startTestServer({ claudeBin, dataDir, env: { FAKE_CLI_VERSION: "2.1.330" } });

  beforeAll(async () => {
    claudeBin = await writeFakeCliBin();
    repo = makeRepo();
    server = await startTestServer({ claudeBin, env: { FAKE_CLI_VERSION: "2.1.330" } });
    dataDir = server.dataDir;
  });
  afterAll(async () => {
    await server.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(repo, { recursive: true, force: true });
  });

  it("whose session was deleted meanwhile fails with the reason and leaves the run as it was (it stayed 'running', holding a pool slot)", async () => {
    const workspaceId = (await addWorkspace(server, repo)).id;
    const job = await createJob(server, { workspaceId, name: "Cut off", prompt: "hang", schedule: { kind: "cron", expression: "0 3 1 1 *", timezone: "UTC" } });
    const { run } = await call<{ run: Run }>(server, `/jobs/${job.id}/run`, "POST");
    const [running] = await eventually(() => runsOf(server, job.id), (list) => list[0]?.status === "running" && list[0].conversationId !== null, "the run running");
    await server.stop();
    server = await start();
    const [cutOff] = await runsOf(server, job.id);
    expect(cutOff).toMatchObject({ id: run.id, status: "failed", isResumable: true });
    await call(server, `/sessions/${running!.sessionId}/delete`, "POST", { force: true, deleteBranch: true });

    await expect(call(server, `/runs/${run.id}/resume`, "POST")).rejects.toThrow(/404/);
    const { run: after, logs } = await call<{ run: Run; logs: RunLogEntry[] }>(server, `/runs/${run.id}`);
    expect(after).toMatchObject({ status: "failed", isResumable: true, error: cutOff!.error, endedAt: cutOff!.endedAt });
    expect(logs.at(-1)?.text).toMatch(/^Resuming failed: /);
  });

  it("waits its turn: a resumed run never runs beside another run of its job, nor above the pool's size (both ran at once)", async () => {
    const workspaceId = (await addWorkspace(server, makeRepo())).id;
    const job = await createJob(server, { workspaceId, name: "Long", prompt: "hang", schedule: { kind: "cron", expression: "0 3 1 1 *", timezone: "UTC" } });
    const { run: cutOff } = await call<{ run: Run }>(server, `/jobs/${job.id}/run`, "POST");
    await eventually(() => runsOf(server, job.id), (list) => list[0]?.status === "running" && list[0].conversationId !== null, "the first run running");
    await server.stop();
    server = await start();
    const { run: second } = await call<{ run: Run }>(server, `/jobs/${job.id}/run`, "POST");
    await eventually(() => runsOf(server, job.id), (list) => list.find((r) => r.id === second.id)?.status === "running", "the second run running");

    const { run: resumed } = await call<{ run: Run }>(server, `/runs/${cutOff.id}/resume`, "POST");
    expect(resumed).toMatchObject({ status: "queued", isResumable: false, error: null, startedAt: null });
    const active = (await runsOf(server, job.id)).filter((r) => r.status === "running" || r.status === "waiting");
    expect(active.map((r) => r.id)).toEqual([second.id]);

    await call(server, `/runs/${second.id}/cancel`, "POST");
    const runs = await eventually(() => runsOf(server, job.id), (list) => list.find((r) => r.id === cutOff.id)?.status === "running", "the resumed run started once the other ended");
    expect(runs.find((r) => r.id === cutOff.id)).toMatchObject({ conversationId: resumed.conversationId, sessionId: resumed.sessionId });
    const { logs } = await call<{ logs: RunLogEntry[] }>(server, `/runs/${cutOff.id}`);
    expect(logs.map((entry) => entry.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^Queued to resume: /), "Resumed."]));
    await call(server, `/runs/${cutOff.id}/cancel`, "POST");
  });
});
