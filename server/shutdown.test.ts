import { readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { writeReplayCliBin } from "./claude/fixtures/replay-cli/replay-cli-bin.ts";
import { makeTempRepo } from "./git/test-support.ts";
import { api, startTestServer, type TestServer } from "./test-support/test-server.ts";
import { until } from "./test-support/until.ts";

/** Processes whose working directory is `dir` (the git of a checkpoint being taken there). */
function processesIn(dir: string): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`) === dir;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/* Stopping the server while a message is on its way (its checkpoint being taken) — what Ctrl+C or SIGTERM does. */
describe("stopping the server mid-send", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("lets the message finish before the database closes, writes nothing after, and is stored", async () => {
    const claudeBin = await writeReplayCliBin();
    const env = { REPLAY_CLI_VERSION: "2.1.330" };
    // This is about waiting for the message, not about the cap: a loaded machine may take longer than 10 s to checkpoint.
    const server: TestServer = await startTestServer({ claudeBin, env, config: { shutdownGraceMs: 120_000 } });
    cleanups.push(() => rmSync(server.dataDir, { recursive: true, force: true }));
    const repo = await makeTempRepo("chatml-stop-repo-");
    cleanups.push(() => rmSync(repo, { recursive: true, force: true }));
    // Enough files that the checkpoint before the turn takes a while.
    for (let i = 0; i < 3000; i++) writeFileSync(join(repo, `file-${i}.txt`), `line ${i}\n`.repeat(40));
    const started = (await (await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: repo }) })).json()) as { conversation: { id: string }; session: { id: string } };
    const id = started.conversation.id;
    // A folder that is a repository has its git state watched from the start: its first read runs git in the folder
    // too, and must be over before the checkpoint's processes are what the stop below waits to see.
    for (let i = 0; i < 600; i++) {
      const { session } = (await (await api(server, `/api/sessions/${started.session.id}`)).json()) as { session: { git: unknown } };
      if (session.git !== null && processesIn(repo).length === 0) break;
      await Bun.sleep(50);
    }

    const logged: string[] = [];
    for (const level of ["warn", "error"] as const) {
      const spy = vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
      cleanups.push(() => spy.mockRestore());
    }
    const send = (commandId: string) =>
      api(server, `/api/conversations/${id}/messages`, { method: "POST", body: JSON.stringify({ commandId, text: "Saved before the stop" }) }).then(
        async (response) => ({ status: response.status, body: await response.text() }),
        (error: unknown) => ({ status: 0, body: String(error) }),
      );
    const sent = send("cmd-before-stop");
    await until(() => processesIn(repo).length > 0, "a checkpoint being taken");
    await server.stop();
    const answer = await sent;
    await until(() => processesIn(repo).length === 0, "every process in the folder ended");

    expect(logged.filter((line) => /closed database/i.test(line))).toEqual([]);
    expect(answer).toMatchObject({ status: 202 });

    // The acknowledged message (and its checkpoint) were stored: a restarted server on the same data has them.
    const again = await startTestServer({ claudeBin, env, dataDir: server.dataDir });
    cleanups.push(() => again.stop());
    const history = await (await api(again, `/api/conversations/${id}/messages`)).text();
    expect(history).toContain("Saved before the stop");
    const { checkpoints } = (await (await api(again, `/api/conversations/${id}/checkpoints`)).json()) as { checkpoints: { label: string }[] };
    expect(checkpoints.map((c) => c.label)).toContain("Saved before the stop");
    // 3000 files to write and checkpoint, two servers: on a loaded 2-core machine this has taken 20 s.
  }, 60_000);
});
