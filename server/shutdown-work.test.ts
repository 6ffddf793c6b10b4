import { Database } from "bun:sqlite";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { writeReplayCliBin } from "./claude/fixtures/replay-cli/replay-cli-bin.ts";
import { runGit } from "./git/git.ts";
import { makeTempRepo } from "./git/test-support.ts";
import { isAlive, signalQuietly } from "./lib/process-group.ts";
import { api, startTestServer, type TestServer } from "./test-support/test-server.ts";
import { writeExecutable } from "./test-support/executable.ts";
import { until } from "./test-support/until.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Warnings and errors the server logs from here on. */
function captureLog(): string[] {
  const logged: string[] = [];
  for (const level of ["warn", "error"] as const) {
    const spy = vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    cleanups.push(() => spy.mockRestore());
  }
  return logged;
}

/**
 * A server with a folder session on a fresh repository whose pre-commit hook runs `seconds` (its `sleep` pid written to
 * .git/hook.pid, holding none of git's pipes), and `a.txt` staged: a commit is mid-git for as long as the hook runs.
 */
async function serverWithSlowCommit(seconds: number, config: { shutdownGraceMs?: number } = {}) {
  const server: TestServer = await startTestServer({ config });
  cleanups.push(() => rmSync(server.dataDir, { recursive: true, force: true }));
  const repo = await makeTempRepo("chatml-stop-work-");
  cleanups.push(() => rmSync(repo, { recursive: true, force: true }));
  const hookPid = () => (existsSync(join(repo, ".git", "hook.pid")) ? Number(readFileSync(join(repo, ".git", "hook.pid"), "utf8")) : null);
  cleanups.push(() => {
    const pid = hookPid();
    if (pid && isAlive(pid)) signalQuietly(pid, "SIGKILL");
  });
  const started = (await (await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: repo }) })).json()) as { session: { id: string } };
  writeFileSync(join(repo, "a.txt"), "a\n");
  await runGit(repo, ["add", "a.txt"]);
  const hook = join(repo, ".git", "hooks", "pre-commit");
  writeExecutable(hook, `#!/bin/sh\nexec >/dev/null 2>&1 </dev/null\nsleep ${seconds} &\necho $! > .git/hook.pid\nwait\n`);
  const post = (path: string, body: unknown) =>
    api(server, `/api/sessions/${started.session.id}${path}`, { method: "POST", body: JSON.stringify(body) }).then(
      async (response) => ({ status: response.status, body: await response.text() }),
      (error: unknown) => ({ status: 0, body: String(error) }),
    );
  return { server, repo, sessionId: started.session.id, hookPid, post };
}

/* Stopping the server (Ctrl+C, SIGTERM) while a git action runs: it is not only conversation commands that write. */
describe("stopping the server mid-git", () => {
  it("lets a commit already taken finish and answer, records it, and refuses a new change with a 503 that says why", async () => {
    const { server, repo, sessionId, hookPid, post } = await serverWithSlowCommit(1);
    const logged = captureLog();
    const commit = post("/git/commit", { message: "Taken before the stop", isAmend: false });
    await until(() => hookPid() !== null, "the commit's hook running");
    const stopping = server.stop();
    const refused = await post("/git/stage", { paths: ["README.md"] });
    await stopping;

    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "server_stopping", message: expect.stringMatching(/ChatML is stopping.*try again once it has restarted/) } });
    expect(await commit).toMatchObject({ status: 200 });
    expect(logged).toContainEqual(expect.stringMatching(/^\[shutdown\] finishing what was started first \(at most 10 s\): POST \/api\/sessions\/ses_[\w-]+\/git\/commit$/));
    expect(logged.filter((line) => /closed database/i.test(line))).toEqual([]);
    expect((await runGit(repo, ["log", "-1", "--format=%s"])).stdout.trim()).toBe("Taken before the stop");
    // The session's git state was read again after the commit and stored before the database closed.
    const db = new Database(join(server.dataDir, "chatml.db"), { readonly: true });
    cleanups.push(() => db.close());
    const row = db.query("select git from sessions where id = ?").get(sessionId) as { git: string };
    expect(JSON.parse(row.git)).toMatchObject({ headSubject: "Taken before the stop" });
  });

  it("stops waiting after the grace: says what still ran, ends git and its hook, leaves no index.lock and a sound database", async () => {
    const { server, repo, hookPid, post } = await serverWithSlowCommit(600, { shutdownGraceMs: 300 });
    const logged = captureLog();
    const commit = post("/git/commit", { message: "Never finishes", isAmend: false });
    await until(() => hookPid() !== null, "the commit's hook running");
    await server.stop();

    expect(logged.some((line) => /\[shutdown\] still running after 0\.3 s, stopping it: POST \/api\/sessions\/ses_[\w-]+\/git\/commit/.test(line))).toBe(true);
    await until(() => !isAlive(hookPid() as number), "the hook's sleep ended");
    // Answered, saying why (the connection stays open for the answer while the server stops).
    const answer = await commit;
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "server_stopping", message: expect.stringMatching(/^git commit was stopped because ChatML is stopping/) } });
    expect(existsSync(join(repo, ".git", "index.lock"))).toBe(false);
    expect((await runGit(repo, ["log", "-1", "--format=%s"])).stdout.trim()).toBe("first");
    expect(logged.filter((line) => /closed database/i.test(line))).toEqual([]);
    const db = new Database(join(server.dataDir, "chatml.db"), { readonly: true });
    cleanups.push(() => db.close());
    expect(db.query("pragma integrity_check").get()).toEqual({ integrity_check: "ok" });
  });

  it("does not wait for ever on a message whose checkpoint never finishes: it is ended after the grace", async () => {
    const claudeBin = await writeReplayCliBin();
    const server: TestServer = await startTestServer({ claudeBin, env: { REPLAY_CLI_VERSION: "2.1.330" }, config: { shutdownGraceMs: 300 } });
    cleanups.push(() => rmSync(server.dataDir, { recursive: true, force: true }));
    const repo = await makeTempRepo("chatml-stop-filter-");
    cleanups.push(() => rmSync(repo, { recursive: true, force: true }));
    // The checkpoint before the turn stages the work tree into its own index: a clean filter that never ends holds it.
    writeFileSync(join(repo, ".gitattributes"), "*.txt filter=stuck\n");
    await runGit(repo, ["config", "filter.stuck.clean", `sh -c 'echo $$ > "${repo}/.git/filter.pid"; exec sleep 600'`]);
    writeFileSync(join(repo, "notes.txt"), "changed\n");
    const filterPid = () => (existsSync(join(repo, ".git", "filter.pid")) ? Number(readFileSync(join(repo, ".git", "filter.pid"), "utf8")) : null);
    cleanups.push(() => {
      const pid = filterPid();
      if (pid && isAlive(pid)) signalQuietly(pid, "SIGKILL");
    });
    const started = (await (await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: repo }) })).json()) as { conversation: { id: string } };
    const logged = captureLog();
    const sent = api(server, `/api/conversations/${started.conversation.id}/messages`, { method: "POST", body: JSON.stringify({ commandId: "cmd-stuck", text: "Never checkpointed" }) }).then(
      (response) => response.status,
      () => 0,
    );
    await until(() => filterPid() !== null, "the checkpoint's clean filter running");
    await server.stop();

    expect(logged.some((line) => /\[shutdown\] still running after 0\.3 s, stopping it: .*conversation \S+ command cmd-stuck/.test(line))).toBe(true);
    await until(() => !isAlive(filterPid() as number), "the filter ended");
    await sent;
    expect(logged.filter((line) => /closed database/i.test(line))).toEqual([]);
  });
});
