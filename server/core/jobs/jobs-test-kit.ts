import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Job, Run } from "../../../shared/protocol/jobs.ts";
import type { Workspace } from "../../../shared/protocol/model.ts";
import { api, type TestServer } from "../../test-support/test-server.ts";

/** A git repository with one commit on `main`, in a temp dir. For tests only. */
export function makeRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "chatml-jobs-repo-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  writeFileSync(join(dir, "README.md"), "# jobs test\n");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "init");
  return dir;
}

/** JSON over the API with the Bearer token; throws with the server's error on a non-2xx answer. */
export async function call<T>(server: TestServer, path: string, method = "GET", body?: unknown): Promise<T> {
  const response = await api(server, `/api${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const json = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${json.error?.message}`);
  return json;
}

export async function addWorkspace(server: TestServer, path: string): Promise<Workspace> {
  return (await call<{ workspace: Workspace }>(server, "/workspaces", "POST", { path })).workspace;
}

export async function createJob(server: TestServer, body: Record<string, unknown>): Promise<Job> {
  return (await call<{ job: Job }>(server, "/jobs", "POST", body)).job;
}

export async function runsOf(server: TestServer, jobId: string): Promise<Run[]> {
  return (await call<{ runs: Run[] }>(server, `/runs?jobId=${jobId}`)).runs;
}

/** Polls `read` until `test` holds (no timed assertion: the timeout only bounds a hang). */
export async function eventually<T>(read: () => Promise<T>, test: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (!test(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 2_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}
