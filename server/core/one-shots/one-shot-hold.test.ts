import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { isAlive } from "../../lib/process-group.ts";
import { createOneShot, HOLD_AT_TURNS } from "./one-shot-cli.ts";
import type { RunningTurns } from "../ports.ts";
import { until } from "../../test-support/until.ts";

/** A turn count the test sets, as the conversations' room would report it. */
function settableTurns(): RunningTurns & { set(count: number): void } {
  let count = 0;
  const listeners = new Set<(count: number) => void>();
  return {
    count: () => count,
    onChange: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    set: (next) => {
      count = next;
      for (const listener of listeners) listener(count);
    },
  };
}

/**
 * A stand-in CLI under the process guard that logs "start <prompt> <its pid>", then counts: it writes a tick a line
 * every 50 ms (work only a running process does) until the release file exists, and answers like `claude -p`.
 */
async function tickingCli(): Promise<{ bin: string; log: string; ticks: string; release: string }> {
  const dir = await mkdtemp(join(tmpdir(), "chatml-one-shot-hold-"));
  const [log, ticks, release] = ["calls.log", "ticks", "release"].map((name) => join(dir, name)) as [string, string, string];
  const script = [
    "prompt=$(cat)",
    `echo "start $prompt $$" >> "${log}"`,
    `while [ ! -f "${release}" ]; do echo tick >> "${ticks}"; sleep 0.05; done`,
    `echo '{"type":"result","is_error":false,"result":"answer to '"$prompt"'"}'`,
  ].join("\n");
  return { bin: await writeFakeCliBin(dir, script), log, ticks, release };
}

const readText = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : "");
const startedPid = (log: string, prompt: string) => Number(new RegExp(`^start ${prompt} (\\d+)$`, "m").exec(readText(log))?.[1] ?? 0);
/** The state letter of /proc/<pid>/stat (T: stopped). */
const stateOf = (pid: number) => readText(`/proc/${pid}/stat`).replace(/^.*\) /s, "")[0];
const childrenOf = (pid: number) => readText(`/proc/${pid}/task/${pid}/children`).split(" ").filter(Boolean).map(Number);
/**
 * Whether the CLI is stopped: it, or a process it is starting. A shell stopped while it waits for a child it vforked,
 * before that child's exec, stays blocked in the vfork (state D, not T) with its child stopped, until both continue.
 */
const isStopped = (pid: number): boolean => stateOf(pid) === "T" || childrenOf(pid).some((child) => stateOf(child) === "T");
const tickCount = (ticks: string) => readText(ticks).split("\n").length;

describe.runIf(process.platform === "linux")("background one-shots yield to running turns (ADR 0204)", () => {
  it("holds a background call while the hold's count of turns run (twice the cores, at least 3), starts it at one fewer, and it answers", async () => {
    const { bin, log, release } = await tickingCli();
    const turns = settableTurns();
    turns.set(HOLD_AT_TURNS);
    const oneShot = createOneShot(async () => bin, { turns });
    await writeFile(release, "");
    let answer: string | null = null;
    const title = oneShot("title", { cwd: tmpdir() }).then((text) => (answer = text));
    // A foreground call (a commit message) runs meanwhile: someone waits on it.
    await expect(oneShot("commit message", { cwd: tmpdir(), foreground: true })).resolves.toBe("answer to commit message");
    expect(answer).toBeNull();
    expect(readText(log)).not.toContain("start title");
    turns.set(HOLD_AT_TURNS - 1);
    await expect(title).resolves.toBe("answer to title");
  });

  it("pauses a running background call (its CLI stopped, not its guard) and resumes it, and it answers", async () => {
    const { bin, log, ticks, release } = await tickingCli();
    const turns = settableTurns();
    const oneShot = createOneShot(async () => bin, { turns });
    const title = oneShot("title", { cwd: tmpdir() });
    const pid = await until(() => startedPid(log, "title"), "the title's CLI to start");
    await until(() => tickCount(ticks) > 2, "the CLI to tick");
    turns.set(HOLD_AT_TURNS);
    await until(() => isStopped(pid), "the CLI to be stopped");
    const ticksWhenPaused = tickCount(ticks);
    turns.set(0);
    await until(() => tickCount(ticks) > ticksWhenPaused + 2, "the CLI to tick again");
    await writeFile(release, "");
    await expect(title).resolves.toBe("answer to title");
  });

  it("does not count paused time toward the timeout, and resumes a call held longer than the cap", async () => {
    const { bin, log, release } = await tickingCli();
    const turns = settableTurns();
    // Cut off after 1.5 s of running; held at most 2.5 s from its ask. Paused ~2 s of that, it must not be cut off.
    const oneShot = createOneShot(async () => bin, { turns, timeoutMs: 1_500, holdCapMs: 2_500 });
    const title = oneShot("title", { cwd: tmpdir() });
    const pid = await until(() => startedPid(log, "title"), "the title's CLI to start");
    turns.set(HOLD_AT_TURNS);
    await until(() => isStopped(pid), "the CLI to be stopped");
    // The cap resumes it though the turns still run.
    await until(() => !isStopped(pid), "the cap to resume the CLI");
    await writeFile(release, "");
    await expect(title).resolves.toBe("answer to title");
  });

  it("still cuts off a call that runs past the timeout", async () => {
    const { bin } = await tickingCli();
    await expect(createOneShot(async () => bin, { timeoutMs: 300 })("hung", { cwd: tmpdir() })).rejects.toThrow("exit 137");
  });

  it("a paused call's CLI dies with the server (the guard is not stopped and ends its group)", async () => {
    const { bin, log } = await tickingCli();
    const server = Bun.spawn([process.execPath, join(import.meta.dirname, "fixtures/one-shot-server.ts"), bin], { stdin: "pipe", stdout: "pipe", stderr: "inherit" });
    try {
      const pid = await until(() => startedPid(log, "title"), "the title's CLI to start");
      server.stdin.write(`turns ${HOLD_AT_TURNS}\n`);
      await server.stdin.flush();
      await until(() => isStopped(pid), "the CLI to be stopped");
      server.kill("SIGKILL");
      await until(() => !isAlive(pid), "the paused CLI to be gone");
    } finally {
      server.kill("SIGKILL");
    }
    expect(await readFile(log, "utf8")).toMatch(/^start title \d+\n$/);
  });
});
