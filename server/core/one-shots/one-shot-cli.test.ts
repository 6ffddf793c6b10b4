import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { writeReplayCliBin } from "../../claude/fixtures/replay-cli/replay-cli-bin.ts";
import { BACKGROUND_NICENESS } from "../../claude/background-priority.ts";
import { createOneShot } from "./one-shot-cli.ts";

/**
 * A stand-in CLI that logs when each call starts and ends (by the prompt it read), takes a moment, and answers like
 * `claude -p --output-format json`; it runs under the process guard, as the real CLI does.
 */
async function loggingCli(): Promise<{ bin: string; log: string; release: string }> {
  const dir = await mkdtemp(join(tmpdir(), "chatml-one-shot-"));
  const log = join(dir, "calls.log");
  // A prompt starting with "hold" hangs until the test creates the release file (a CLI stuck on a slow API).
  const release = join(dir, "release");
  const script = [
    "prompt=$(cat)",
    `echo "start $prompt" >> "${log}"`,
    `case "$prompt" in hold*) while [ ! -f "${release}" ]; do sleep 0.05; done;; *) sleep 0.3;; esac`,
    `echo "end $prompt" >> "${log}"`,
    `echo '{"type":"result","is_error":false,"result":"answer to '"$prompt"'"}'`,
  ].join("\n");
  return { bin: await writeFakeCliBin(dir, script), log, release };
}

/** The most calls that were running at the same moment, read from the log's order of starts and ends. */
function mostAtOnce(log: string): number {
  let running = 0;
  let most = 0;
  for (const line of log.trim().split("\n")) {
    running += line.startsWith("start ") ? 1 : -1;
    most = Math.max(most, running);
  }
  return most;
}

/**
 * A stand-in CLI that answers with the CPU priority it ran at, read from /proc once it has its prompt: its own nice,
 * a child's (a process it starts) and its session's autogroup line, e.g. "nice 10 child 10 autogroup /autogroup-7 nice 10".
 */
async function priorityReportingCli(): Promise<string> {
  const niceOf = `sed 's/.*) //' /proc/$$/stat | cut -d' ' -f17`; // field 19 of stat, counted after the command name
  const script = [
    "cat > /dev/null",
    `mine=$(${niceOf})`,
    `child=$(sh -c "${niceOf.replaceAll("$", "\\$")}")`,
    'group=$(cat /proc/$$/autogroup 2>/dev/null || echo none)',
    `echo '{"type":"result","is_error":false,"result":"nice '"$mine"' child '"$child"' autogroup '"$group"'"}'`,
  ].join("\n");
  return writeFakeCliBin(await mkdtemp(join(tmpdir(), "chatml-one-shot-")), script);
}

describe("createOneShot", () => {
  it("runs at most two CLIs at once; the others wait their turn, first come first served, and each gets its own answer", async () => {
    const { bin, log, release } = await loggingCli();
    const oneShot = createOneShot(async () => bin);
    // Each call hangs until released, so the first two are both running before any ends, whatever the machine's load.
    const prompts = ["hold1", "hold2", "hold3", "hold4", "hold5", "hold6"];
    const answers = Promise.all(prompts.map((prompt) => oneShot(prompt, { cwd: tmpdir() })));
    const logLines = async () => (existsSync(log) ? (await readFile(log, "utf8")).trim().split("\n") : []);
    await expect.poll(logLines).toHaveLength(2);
    expect((await logLines()).sort()).toEqual(["start hold1", "start hold2"]);
    await writeFile(release, "");
    expect(await answers).toEqual(prompts.map((prompt) => `answer to ${prompt}`));
    const lines = await readFile(log, "utf8");
    expect(mostAtOnce(lines)).toBe(2);
    // The third waited for one of the first two to end.
    expect(lines.split("\n")[2]).toMatch(/^end hold[12]$/);
  });

  it("runs a call someone waits on in its own lane, so hung background calls do not hold it up", async () => {
    const { bin, log, release } = await loggingCli();
    const oneShot = createOneShot(async () => bin);
    const held = ["hold1", "hold2", "hold3"].map((prompt) => oneShot(prompt, { cwd: tmpdir() }));
    try {
      await expect(oneShot("commit message", { cwd: tmpdir(), foreground: true })).resolves.toBe("answer to commit message");
      // The background lane is still full: its third call has not started (it cannot before the release). Polled: on a
      // loaded machine the first two background CLIs may write their start after the foreground one has answered.
      await expect.poll(async () => (await readFile(log, "utf8")).trim().split("\n").sort()).toEqual(["end commit message", "start commit message", "start hold1", "start hold2"]);
    } finally {
      // Released even when a step failed: held calls killed at the end of the run failed later, in other files' tests.
      await writeFile(release, "");
    }
    expect(await Promise.all(held)).toEqual(["answer to hold1", "answer to hold2", "answer to hold3"]);
  });

  it("frees its place when a call fails, so a broken CLI does not hold up the calls after it", async () => {
    const { bin } = await loggingCli();
    let calls = 0;
    const oneShot = createOneShot(async () => (++calls <= 2 ? "/nonexistent/claude" : bin), { maxRunning: 1 });
    const results = await Promise.allSettled(["a", "b", "c"].map((prompt) => oneShot(prompt, { cwd: tmpdir() })));
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "fulfilled"]);
    expect(results[2]).toMatchObject({ value: "answer to c" });
  });

  it("fails with the CLI's own reason when it exits before reading a long prompt, and leaves no write to fail later", async () => {
    // A CLI that dies at its start (a broken install, a wrapper that reads nothing), sent a prompt longer than a pipe
    // holds (a pasted log, a diff): the pipe breaks while the prompt is still being written. Before, the call failed
    // with EPIPE instead of the reason, and the write left pending could reject later, unhandled.
    const dir = await mkdtemp(join(tmpdir(), "chatml-one-shot-"));
    const bin = await writeFakeCliBin(dir, ["echo 'the CLI could not start: node not found' >&2", "exit 127"].join("\n"));
    const oneShot = createOneShot(async () => bin);
    for (const foreground of [false, true, false]) {
      await expect(oneShot("x".repeat(4_000_000), { cwd: tmpdir(), foreground })).rejects.toThrow("the CLI could not start: node not found");
    }
  });

  // The benches run their servers on the replaying CLI: a title it failed left "The CLI answered no JSON" in their logs.
  it("gets an answer from the replaying CLI, as from a real one", async () => {
    const oneShot = createOneShot(() => writeReplayCliBin());
    expect(await oneShot("Name this conversation", { cwd: tmpdir(), model: "haiku" })).toBe("Replayed one-shot answer");
  });

  it("says the CLI was not found rather than running nothing", async () => {
    await expect(createOneShot(async () => null)("x", { cwd: tmpdir() })).rejects.toThrow("The Claude Code CLI was not found.");
  });

  describe.runIf(process.platform === "linux")("CPU priority (ADR 0205)", () => {
    // The tests may themselves run under `nice`: priorities are relative to this process's, which a CLI inherits.
    const ours = getPriority();
    const lowered = Math.min(19, ours + BACKGROUND_NICENESS);

    it("runs a background call (a title, a summary) and every process it starts at a lower priority, a foreground one at ours", async () => {
      const oneShot = createOneShot(priorityReportingCli);
      const background = await oneShot("title", { cwd: tmpdir() });
      const foreground = await oneShot("commit message", { cwd: tmpdir(), foreground: true });
      expect(background).toMatch(new RegExp(`^nice ${lowered} child ${lowered} `));
      expect(foreground).toMatch(new RegExp(`^nice ${ours} child ${ours} `));
    });

    // With the kernel's autogroups, nice only ranks processes within a session, and each CLI runs in its own.
    it.runIf(existsSync("/proc/self/autogroup"))("lowers the background call's session (its autogroup) before the CLI reads its prompt, not a foreground one's", async () => {
      const oneShot = createOneShot(priorityReportingCli);
      expect(await oneShot("summary", { cwd: tmpdir() })).toMatch(new RegExp(`autogroup /autogroup-\\d+ nice ${BACKGROUND_NICENESS}$`));
      expect(await oneShot("plan", { cwd: tmpdir(), foreground: true })).toMatch(/autogroup \/autogroup-\d+ nice 0$/);
    });
  });
});
