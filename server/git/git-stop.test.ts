import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isAlive, signalQuietly } from "../lib/process-group.ts";
import { runGit } from "./git.ts";
import { gitAction } from "./git-client.ts";
import { stopRunningGit } from "./running-git.ts";
import { makeTempRepo } from "./test-support.ts";
import { writeExecutable } from "../test-support/executable.ts";
import { until } from "../test-support/until.ts";

const repos: string[] = [];
const hooks: (() => number[])[] = [];
afterAll(() => {
  // A failing test leaves its hook's sleep behind.
  for (const pid of hooks.flatMap((pids) => pids()).filter(isAlive)) signalQuietly(pid, "SIGKILL");
  for (const repo of repos) rmSync(repo, { recursive: true, force: true });
});

/**
 * A repository with a staged file and a pre-commit hook that runs long: it lets go of git's pipes (so git itself can
 * end without waiting for it) and starts a `sleep` of its own, writing both pids.
 */
async function repoWithSlowHook(): Promise<{ repo: string; hookPids: () => number[] }> {
  const repo = await makeTempRepo("chatml-git-stop-");
  repos.push(repo);
  writeFileSync(join(repo, "a.txt"), "a\n");
  await runGit(repo, ["add", "a.txt"]);
  // `commit --all` holds index.lock while the hook runs.
  const hook = join(repo, ".git", "hooks", "pre-commit");
  writeExecutable(hook, `#!/bin/sh\nexec >/dev/null 2>&1 </dev/null\nsleep 600 &\necho "$$ $!" > "${repo}/.git/hook.pids"\nwait\n`);
  const pidFile = join(repo, ".git", "hook.pids");
  const hookPids = () => (existsSync(pidFile) ? readFileSync(pidFile, "utf8").trim().split(" ").filter(Boolean).map(Number) : []);
  hooks.push(hookPids);
  return { repo, hookPids };
}

describe("stopping git mid-hook", () => {
  it("a cancelled simple-git action ends the hook git started, and leaves no index.lock", async () => {
    const { repo, hookPids } = await repoWithSlowHook();
    const controller = new AbortController();
    const commit = gitAction(repo, ["commit", "--all", "-m", "cancelled"], { signal: controller.signal });
    const settled = commit.catch((error: unknown) => error);
    await until(() => hookPids().length === 2, "the hook running");
    controller.abort();
    expect(await settled).toMatchObject({ code: "cancelled" });
    await until(() => !hookPids().some(isAlive), "the hook and its sleep ended");
    expect(existsSync(join(repo, ".git", "index.lock"))).toBe(false);
  });

  it("a runGit stopped mid-commit removes its index.lock (SIGTERM before SIGKILL)", async () => {
    const { repo, hookPids } = await repoWithSlowHook();
    const controller = new AbortController();
    const commit = runGit(repo, ["commit", "--all", "-m", "stopped"], { signal: controller.signal });
    await until(() => hookPids().length === 2, "the hook running");
    controller.abort();
    expect(await commit).toMatchObject({ stoppedBy: "signal" });
    await until(() => !hookPids().some(isAlive), "the hook and its sleep ended");
    expect(existsSync(join(repo, ".git", "index.lock"))).toBe(false);
  });

  it("a stopping server ends every git still running, with what each started", async () => {
    const first = await repoWithSlowHook();
    const second = await repoWithSlowHook();
    const viaSimpleGit = gitAction(first.repo, ["commit", "-m", "one"]).catch((error: unknown) => error);
    const viaRunGit = runGit(second.repo, ["commit", "-m", "two"]);
    await until(() => first.hookPids().length === 2 && second.hookPids().length === 2, "both hooks running");
    const stopping = stopRunningGit();
    expect(stopping.count).toBe(2);
    expect(await viaSimpleGit).toMatchObject({ code: "server_stopping", message: "git commit was stopped because ChatML is stopping; do it again once ChatML has restarted." });
    expect(await viaRunGit).toMatchObject({ stoppedBy: "shutdown" });
    await until(() => ![...first.hookPids(), ...second.hookPids()].some(isAlive), "both hooks ended");
    // The next step of the work it ended does not get to run git either, until the stopping server lets go.
    expect(await runGit(first.repo, ["commit", "--all", "-m", "next step"])).toMatchObject({ stoppedBy: "shutdown" });
    await expect(gitAction(first.repo, ["commit", "--all", "-m", "next step"])).rejects.toMatchObject({ code: "server_stopping" });
    stopping.release();
    expect((await runGit(first.repo, ["log", "--format=%s"])).stdout.trim()).toBe("first");
  });
});
