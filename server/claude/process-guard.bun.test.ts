import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { newProcessTag, PROCESS_TAG_VAR, processStartTime, stopLeftover, stopTagged, taggedProcesses } from "./process-guard.ts";
import { spawnCliChild } from "./stdio-transport.ts";
import { writeExecutable } from "../test-support/executable.ts";

const dir = mkdtempSync(join(tmpdir(), "chatml-guard-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in CLI: prints its pid, starts a tool that leaves the group (setsid, like Claude's Bash tool) and waits. */
const fakeCli = join(dir, "fake-cli.sh");
writeExecutable(fakeCli, '#!/bin/sh\nsetsid sleep 300 &\necho "tool $!"\necho "cli $$"\nexec sleep 301\n');

const alive = (pid: number) => processStartTime(pid) !== null && !Bun.spawnSync(["ps", "-o", "stat=", "-p", String(pid)]).stdout.toString().startsWith("Z");

async function waitGone(pids: number[]): Promise<void> {
  for (let i = 0; i < 300 && pids.some(alive); i++) await Bun.sleep(20);
}

/** Reads `tool <pid>` / `cli <pid>` lines from a stream until both are known. */
async function pidsFrom(stream: ReadableStream<Uint8Array>): Promise<{ tool: number; cli: number }> {
  let text = "";
  for await (const chunk of stream) {
    text += new TextDecoder().decode(chunk);
    const tool = /tool (\d+)/.exec(text)?.[1];
    const cli = /cli (\d+)/.exec(text)?.[1];
    if (tool && cli) return { tool: Number(tool), cli: Number(cli) };
  }
  throw new Error(`no pids in: ${text}`);
}

describe("process guard", () => {
  it("stops the CLI and a tool that left its group when the server is SIGKILLed", async () => {
    // A "server" of its own that spawns the guarded stand-in, so the test can kill it.
    const serverScript = join(dir, "server.ts");
    writeFileSync(
      serverScript,
      `import { spawnCliChild } from ${JSON.stringify(new URL("./stdio-transport.ts", import.meta.url).pathname)};
       spawnCliChild({ argv: [${JSON.stringify(fakeCli)}], cwd: ${JSON.stringify(dir)}, env: {}, onStdout: (c) => process.stdout.write(c), onStdoutEnd: () => {} });
       await Bun.sleep(600_000);`,
    );
    const server = Bun.spawn([process.execPath, serverScript], { stdout: "pipe", stderr: "inherit" });
    const { tool, cli } = await pidsFrom(server.stdout);
    expect(alive(tool) && alive(cli)).toBe(true);
    server.kill("SIGKILL");
    await waitGone([tool, cli]);
    expect([alive(tool), alive(cli)]).toEqual([false, false]);
  });

  it("a CLI that exits on its own takes a tool that left its group with it", async () => {
    const exitingCli = join(dir, "exiting-cli.sh");
    writeExecutable(exitingCli, '#!/bin/sh\nsetsid sleep 300 &\necho "tool $!"\necho "cli $$"\nsleep 1\n');
    let text = "";
    const child = spawnCliChild({ argv: [exitingCli], cwd: dir, env: {}, onStdout: (chunk) => (text += new TextDecoder().decode(chunk)), onStdoutEnd: () => {} });
    await expect.poll(() => /tool (\d+)/.exec(text)?.[1], { timeout: 15_000 }).toBeTruthy();
    const tool = Number(/tool (\d+)/.exec(text)?.[1]);
    expect(alive(tool)).toBe(true);
    await child.exited;
    await waitGone([tool]);
    expect(alive(tool)).toBe(false);
  });

  it("a restarted server stops a recorded leftover by its tag, even outside the group", async () => {
    const tag = newProcessTag();
    const leftover = Bun.spawn([fakeCli], { env: { ...process.env, [PROCESS_TAG_VAR]: tag }, stdout: "pipe", detached: true });
    const { tool, cli } = await pidsFrom(leftover.stdout);
    // The stand-in may still be inside exec (its environ unreadable for a moment; on a loaded CI machine for seconds),
    // and one scan may see the shell before its exec and the next not: poll until one scan sees both.
    await expect.poll(() => taggedProcesses(tag).sort(), { timeout: 15_000 }).toEqual([tool, cli].sort());
    const stopped = await stopLeftover({ pid: leftover.pid, startTime: processStartTime(leftover.pid), tag });
    expect(stopped).toBe(2);
    await waitGone([tool, cli]);
    expect([alive(tool), alive(cli)]).toEqual([false, false]);
  });

  it("a restarted server stops a leftover that keeps starting tools outside its group", async () => {
    // A tool loop that forks tagged processes into sessions of their own as fast as it can: one scan of the tag
    // cannot see the ones forked between the scan and the loop's death.
    const forker = join(dir, "forker.sh");
    writeExecutable(forker, '#!/bin/sh\ni=0\nwhile [ $i -lt 1000 ]; do setsid sleep 60 & i=$((i+1)); done\nwait\n');
    const tag = newProcessTag();
    const leftover = Bun.spawn([forker], { env: { ...process.env, [PROCESS_TAG_VAR]: tag }, detached: true });
    try {
      for (const deadline = Date.now() + 15_000; Date.now() < deadline && taggedProcesses(tag).length < 200; ) await Bun.sleep(5);
      const stopped = await stopLeftover({ pid: leftover.pid, startTime: processStartTime(leftover.pid), tag });
      expect(stopped).toBeGreaterThanOrEqual(200);
      expect(taggedProcesses(tag)).toEqual([]);
    } finally {
      stopTagged(tag);
    }
  });

  it("leaves alone a process that only reuses a recorded pid", async () => {
    const stranger = Bun.spawn(["sleep", "30"], { detached: true });
    try {
      expect(await stopLeftover({ pid: stranger.pid, startTime: "1", tag: newProcessTag() })).toBe(0);
      expect(alive(stranger.pid)).toBe(true);
    } finally {
      stranger.kill("SIGKILL");
    }
  });
});
