import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBinPath, cliEnv, startChatml, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { descendants, stillAlive } from "./support/process-tree.ts";
import { viewOf, visibleText } from "./support/view-of.ts";

/**
 * The server is SIGKILLed mid-turn with the real pinned CLIs (2.1.119 over --sdk-url, 2.1.330 over stdio) and
 * restarted: no process of the old turn lives on (not the CLI, not a tool it ran), the text streamed before the crash
 * is in history (marked interrupted), and the next message continues the one real history — the model's request
 * carries the earlier turns, and the CLI session does not fork.
 */
describe.each([
  { version: "2.1.119", transport: "sdk-url" },
  { version: "2.1.330", transport: "stdio" },
])("the server SIGKILLed mid-turn with CLI $version ($transport)", ({ version, transport }) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let client: ChatmlClient;
  let conversationId: string;
  let workDir: string;
  const dataDir = tempDir(`chatml-crash-data-${version}`);
  let env: Record<string, string>;

  const start = async (port?: number) => {
    server = await startChatml({ dataDir, claudeBin: cliBinPath(version), env, ...(port ? { port } : {}) });
    client = new ChatmlClient({ url: server.origin, token: server.token });
  };

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    env = cliEnv({ apiUrl: api.url, home: tempDir(`chatml-crash-home-${version}`) });
    await start();
    workDir = tempDir(`chatml-crash-work-${version}`);
    conversationId = (await client.startInFolder(workDir)).id;
    await client.connect([conversationId]);
  });

  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
    await api?.stop();
  });

  /** The text of the reply still streaming as its checkpoints stored it (ADR 0041), not as its deltas showed it. */
  const checkpointedStreamingText = () =>
    [...client.textParts(conversationId).values()].filter((part) => part.streamState === "streaming").map((part) => part.text).join("");
  const streamingAppends = () => client.list(conversationId).filter((event) => event.type === "message.part.appended" && event.streamState === "streaming").length;
  const turns = () => client.list(conversationId).filter((event) => event.type === "turn.completed").length;

  /** SIGKILLs the server; returns the processes it had started (the CLI's guard, the CLI, its tools). */
  async function killServer(): Promise<{ pids: number[]; pgids: number[] }> {
    const tree = descendants(server.proc.pid);
    expect(tree.length).toBeGreaterThan(0);
    server.kill("SIGKILL");
    await server.proc.exited;
    client.disconnect();
    return { pids: tree.map((row) => row.pid), pgids: [...new Set(tree.map((row) => row.pgid))] };
  }

  async function restart(): Promise<void> {
    await start(server.port);
    await client.connect([conversationId]);
  }

  it("runs a first turn over the expected transport", async () => {
    await client.send(conversationId, "The secret word is MANGO.");
    await client.waitForEvent(conversationId, "turn.completed");
    expect(await client.waitForEvent(conversationId, "cli.session.updated")).toMatchObject({ transport });
  });

  it("keeps the text streamed before the crash, marked interrupted, and leaves no process of the old turn", async () => {
    await client.send(conversationId, "Talk slowly @@long");
    // Killed once the reply was checkpointed twice (the second an append to the first, ADR 0041), each published
    // after its commit: waiting for the checkpoints themselves, ~2 s in, not for @@long's 400 ms words to reach slow-18.
    await client.waitUntil(() => streamingAppends() >= 2 && checkpointedStreamingText().includes("slow-01 slow-02"), 60_000, "two checkpoints of the slow turn");
    const old = await killServer();
    // The CLI dies with the server, before anything restarts it.
    await client.waitUntil(() => stillAlive(old.pids, old.pgids).length === 0, 15_000, "the old CLI to die with the server").catch((error: unknown) => {
      throw new Error(`${String(error).slice(0, 200)}\nstill alive: ${JSON.stringify(stillAlive(old.pids, old.pgids))}`);
    });

    await restart();
    const history = visibleText(viewOf(client.frames, conversationId));
    expect(history).toContain("slow-01 slow-02");
    const interrupted = [...client.textParts(conversationId).values()].filter((part) => part.streamState === "interrupted");
    expect(interrupted).toHaveLength(1);
    expect(interrupted[0]?.text).toContain("slow-01 slow-02");
    expect(stillAlive(old.pids, old.pgids)).toEqual([]);
  });

  it("stops a running tool with the server: the command's file stops growing", async () => {
    const permissions = client.list(conversationId).filter((event) => event.type === "permission.requested").length;
    await client.send(conversationId, "Write ticks @@ticks");
    const request = await client.waitUntil(
      () => client.list(conversationId).filter((event) => event.type === "permission.requested").length > permissions,
      60_000,
      "the Bash permission request",
    ).then(() => client.list(conversationId).filter((event) => event.type === "permission.requested").at(-1));
    if (request?.type !== "permission.requested") throw new Error("no permission request");
    await client.answer(conversationId, request.request.id, { decision: "allow" });
    const ticks = join(workDir, "ticks.txt");
    await client.waitUntil(() => tickCount(ticks) >= 3, 60_000, "the command to start writing ticks");
    const old = await killServer();
    await client.waitUntil(() => stillAlive(old.pids, old.pgids).length === 0, 15_000, "the old CLI and its command to die with the server").catch((error: unknown) => {
      throw new Error(`${String(error).slice(0, 200)}\nstill alive: ${JSON.stringify(stillAlive(old.pids, old.pgids))}`);
    });
    const afterKill = tickCount(ticks);
    await Bun.sleep(1500); // long enough for ~7 more ticks if the command still ran
    expect(tickCount(ticks)).toBe(afterKill);

    await restart();
    const tool = client.list(conversationId).findLast((event) => event.type === "message.part.updated" && event.part.kind === "tool" && event.part.name === "Bash");
    expect(tool).toMatchObject({ part: { status: "failed" } });
  });

  it("continues the one real history on the next message: earlier turns in the request, no fork", async () => {
    const before = turns();
    const requestsBefore = api.requests.length;
    await client.send(conversationId, "What did I tell you? @@remember");
    await client.waitUntil(() => turns() === before + 1, 60_000, "the resumed turn");
    expect(client.assistantText(conversationId)).toContain("MANGO");
    const request = JSON.stringify(api.requests.slice(requestsBefore).find((r) => r.script === "remember")?.body ?? null);
    expect(request).toContain("The secret word is MANGO.");
    expect(request).toContain("Talk slowly @@long");
    expect(request).toContain("Write ticks @@ticks");
    const sessions = client.list(conversationId).filter((event) => event.type === "cli.session.updated");
    expect(new Set(sessions.map((event) => event.type === "cli.session.updated" && event.cliSessionId)).size).toBe(1);
    expect(client.anomalies).toEqual([]);
  });
});

function tickCount(path: string): number {
  return existsSync(path) ? readFileSync(path, "utf8").split("\n").filter(Boolean).length : 0;
}
