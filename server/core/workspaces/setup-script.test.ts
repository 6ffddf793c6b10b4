import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAlive } from "../../claude/process-guard.ts";
import { runSetupScript, type ScriptOptions } from "./setup-script.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "chatml-setup-script-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `script` in the temp folder; answers its outcome and everything it printed. */
async function run(script: string, options: Partial<ScriptOptions> = {}) {
  let output = "";
  const outcome = await runSetupScript(script, { cwd: dir, env: {}, onOutput: (text) => (output += text), ...options });
  return { outcome, output };
}

/** The pid a script wrote to `file` in the temp folder. */
const pidIn = (file: string) => Number(readFileSync(join(dir, file), "utf8").trim());

/** Field 6 of /proc/<pid>/stat: the session a process belongs to. */
function sessionOf(stat: string): string {
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[3] ?? "";
}

describe("a workspace's setup script", () => {
  it("streams its output and ends with its exit code, in the worktree with the environment set", async () => {
    const done = await run("echo out; echo err >&2; pwd; echo $API_URL", { env: { API_URL: "https://staging.example" } });
    expect(done.outcome).toEqual({ kind: "exited", code: 0, leftovers: 0 });
    expect(done.output).toContain("out\n");
    expect(done.output).toContain("err\n");
    expect(done.output).toContain(`${dir}\n`);
    expect(done.output).toContain("https://staging.example\n");
    expect((await run("exit 7")).outcome).toEqual({ kind: "exited", code: 7, leftovers: 0 });
  });

  it("runs in bash, as scripts written for it expect (/bin/sh is dash on Debian)", async () => {
    const done = await run("printf 'export GREETING=hi\\n' > vars.sh; source ./vars.sh; [[ $GREETING == h* ]] && echo \"bash says $GREETING\"");
    expect(done.outcome).toEqual({ kind: "exited", code: 0, leftovers: 0 });
    expect(done.output).toBe("bash says hi\n");
  });

  it("ends when the script exits, stopping what it left in the background that held its output open", async () => {
    // Before, the setup waited for the output pipes to close: a dev server started with `&` kept it running for ever.
    const done = await run("sleep 300 & echo $! > bg.pid; echo started a server");
    expect(done.outcome).toEqual({ kind: "exited", code: 0, leftovers: 1 });
    expect(done.output).toContain("started a server");
    expect(isAlive(pidIn("bg.pid"))).toBe(false);
  });

  it("finds a background process that left the script's process group, by its tag", async () => {
    const done = await run("setsid sh -c 'echo $$ > escaped.pid; exec sleep 300' & sleep 0.3; echo left");
    expect(done.outcome).toMatchObject({ kind: "exited", code: 0 });
    expect(done.outcome.leftovers).toBeGreaterThanOrEqual(1);
    expect(isAlive(pidIn("escaped.pid"))).toBe(false);
  });

  it("is stopped with everything it started, SIGKILL for what ignores SIGTERM", async () => {
    const controller = new AbortController();
    let output = "";
    const running = runSetupScript("trap '' TERM; sleep 300 & echo $! > child.pid; echo waiting; wait", {
      cwd: dir,
      env: {},
      signal: controller.signal,
      onOutput: (text) => {
        output += text;
        if (output.includes("waiting")) controller.abort("you stopped it");
      },
    });
    expect(await running).toEqual({ kind: "stopped", reason: "you stopped it", leftovers: 0 });
    expect(isAlive(pidIn("child.pid"))).toBe(false);
  });

  it("is stopped after its time runs out", async () => {
    const done = await run("echo $$ > script.pid; sleep 300", { timeoutMs: 300 });
    expect(done.outcome).toEqual({ kind: "timed-out", leftovers: 0 });
    expect(isAlive(pidIn("script.pid"))).toBe(false);
  });

  it("never starts when stopped before, and says when a signal killed it", async () => {
    const controller = new AbortController();
    controller.abort("ChatML stopped");
    expect((await run("echo never > ran", { signal: controller.signal })).outcome).toMatchObject({ kind: "stopped", reason: "ChatML stopped" });
    expect(existsSync(join(dir, "ran"))).toBe(false);
    expect((await run("kill -KILL $$")).outcome).toEqual({ kind: "killed", signal: "SIGKILL", leftovers: 0 });
  });

  it("has no terminal to ask on, and git in it never asks", async () => {
    // A `sudo` or an `ssh` asking for a passphrase would otherwise wait on the terminal ChatML was started from.
    const done = await run("cat /proc/$$/stat; echo; echo prompt=$GIT_TERMINAL_PROMPT askpass=$SSH_ASKPASS_REQUIRE");
    const ownSession = sessionOf(readFileSync("/proc/self/stat", "utf8"));
    expect(sessionOf(done.output.split("\n")[0] ?? "")).not.toBe(ownSession);
    expect(done.output).toContain("prompt=0 askpass=force");
  });
});
