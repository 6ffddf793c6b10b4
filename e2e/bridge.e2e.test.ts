import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBinPath, cliEnv, startChatml, startFakeApi, tempDir, waitUntil, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

/** The pinned CLI versions and the transport ChatML must pick for each on `auto`. */
const MATRIX = [
  { version: "2.1.119", transport: "sdk-url" },
  { version: "2.1.330", transport: "stdio" },
] as const;

describe.each(MATRIX)("bridge on the real CLI $version ($transport)", ({ version, transport }) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let client: ChatmlClient;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    dataDir = tempDir("chatml-data");
    env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-home") });
    server = await startChatml({ dataDir, claudeBin: cliBinPath(version), env });
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });

  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
    await api?.stop();
  });

  async function newConversation(): Promise<{ id: string; folder: string }> {
    const folder = tempDir("chatml-work");
    const conversation = await client.startInFolder(folder);
    await client.connect([conversation.id]);
    return { id: conversation.id, folder };
  }

  it("streams text and completes the turn through the expected transport", async () => {
    const { id } = await newConversation();
    await client.send(id, "Say something @@text");
    const result = await client.waitForEvent(id, "turn.completed");
    expect(result.isError).toBe(false);
    const session = await client.waitForEvent(id, "cli.session.updated");
    expect(session.transport).toBe(transport);
    expect(session.cliVersion).toBe(version);
    expect(client.deltas.get(id)?.some((delta) => delta.type === "message.part.delta" && delta.partKind === "text")).toBe(true);
    expect(client.assistantText(id).length).toBeGreaterThan(10);
    expect(client.list(id).some((event) => event.type === "message.created" && event.message.role === "user")).toBe(true);
    expect(client.anomalies).toEqual([]);
  });

  it("runs Bash after the user allows it and hands the result to the model", async () => {
    const { id, folder } = await newConversation();
    await client.send(id, "Run a command @@bash");
    const request = await client.waitForEvent(id, "permission.requested");
    expect(request.request.toolName).toBe("Bash");
    await client.answer(id, request.request.id, { decision: "allow" });
    await client.waitForEvent(id, "turn.completed");
    const toolPart = lastToolPart(client, id, "Bash");
    expect(toolPart?.status).toBe("completed");
    expect(toolPart?.result?.text).toContain("hello-from-bash");
    expect(existsSync(join(folder, "bash-out.txt"))).toBe(true);
    expect(client.assistantText(id)).toContain("hello-from-bash");
    expect(await client.waitForEvent(id, "permission.resolved")).toMatchObject({ outcome: "allowed" });
  });

  it("does not run Bash when the user denies it, and tells the model why", async () => {
    const { id, folder } = await newConversation();
    await client.send(id, "Run a command @@bash");
    const request = await client.waitForEvent(id, "permission.requested");
    await client.answer(id, request.request.id, { decision: "deny", message: "Not on my machine." });
    await client.waitForEvent(id, "turn.completed");
    const toolPart = lastToolPart(client, id, "Bash");
    expect(toolPart?.status).toBe("failed");
    // A denial is told apart from a failure (tool_result_meta on 2.1.330, ChatML's own answer on 2.1.119).
    expect(toolPart?.outcome).toBe("denied");
    expect(toolPart?.result?.text).toContain("Not on my machine.");
    expect(existsSync(join(folder, "bash-out.txt"))).toBe(false);
  });

  it("writes a file the user approved", async () => {
    const { id, folder } = await newConversation();
    await client.send(id, "Write a file @@write");
    const request = await client.waitForEvent(id, "permission.requested");
    expect(request.request.toolName).toBe("Write");
    await client.answer(id, request.request.id, { decision: "allow" });
    await client.waitForEvent(id, "turn.completed");
    expect(readFileSync(join(folder, "hello.txt"), "utf8")).toBe("hello from chatml\n");
  });

  it("interrupts a turn mid-stream and stays usable", async () => {
    const { id } = await newConversation();
    await client.send(id, "Talk slowly @@long");
    await client.waitUntil(() => (client.deltas.get(id)?.length ?? 0) > 3, 30_000, "streaming to start");
    await client.interrupt(id);
    const interrupted = await client.waitForEvent(id, "turn.completed");
    expect(interrupted.isError).toBe(true);
    await client.send(id, "And now? @@text");
    await client.waitUntil(() => client.list(id).filter((event) => event.type === "turn.completed").length === 2, 60_000, "second turn");
    expect(client.list(id).filter((event) => event.type === "turn.completed").at(-1)).toMatchObject({ isError: false });
  });

  /**
   * SIGKILLs the server (its CLIs die with it, ADR 0008) and starts it again on the same port, as a user would.
   * `whileDown` runs once every CLI is dead, so what it sees on disk is what the restarted server will find.
   */
  async function crashAndRestart(whileDown: () => void = () => {}): Promise<void> {
    const orphans = childPids(server.proc.pid);
    expect(orphans.length).toBeGreaterThan(0);
    server.kill("SIGKILL");
    await server.proc.exited;
    await waitUntil(() => (orphans.every((pid) => !isAlive(pid)) ? true : undefined), 20_000, `CLIs ${orphans.join(",")} to die with their server`);
    whileDown();
    server = await startChatml({ dataDir, claudeBin: cliBinPath(version), env, port: server.port });
  }

  const lostSessionNotices = (events: ReturnType<ChatmlClient["list"]>) =>
    events.filter((event) => event.type === "notice" && event.text.startsWith("Claude Code could not find its saved copy"));

  it("keeps history across a server restart and resumes the CLI with its context", async () => {
    const { id } = await newConversation();
    await client.send(id, "The secret word is PINEAPPLE.");
    await client.waitForEvent(id, "turn.completed");
    const before = client.list(id).length;
    client.disconnect();
    // Read once the CLI is dead: a loaded CLI may still be writing its transcript when the turn completes.
    let savedByCli = false;
    await crashAndRestart(() => {
      savedByCli = transcriptsMention(env.HOME ?? "", "PINEAPPLE");
    });
    const fresh = new ChatmlClient({ url: server.origin, token: server.token });
    await fresh.connect([id]);
    expect(fresh.list(id).length).toBeGreaterThanOrEqual(before);
    expect(fresh.list(id).slice(0, before)).toEqual(client.list(id).slice(0, before));
    await fresh.send(id, "What did I tell you? @@remember");
    await fresh.waitUntil(() => fresh.list(id).filter((event) => event.type === "turn.completed").length === 2, 60_000, "resumed turn");
    expect(fresh.assistantText(id)).toContain("PINEAPPLE");
    // A real `--resume` whenever the CLI had written its transcript; ChatML's recap only when it had not (next test).
    expect(lostSessionNotices(fresh.list(id))).toHaveLength(savedByCli ? 0 : 1);
    expect(fresh.anomalies).toEqual([]);
    fresh.disconnect();
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });

  it("answers the next message with the earlier context when the CLI's own transcript was lost in the crash", async () => {
    const { id } = await newConversation();
    await client.send(id, "The secret word is MANGO.");
    await client.waitForEvent(id, "turn.completed");
    client.disconnect();
    await crashAndRestart(() => deleteTranscripts(env.HOME ?? ""));
    const fresh = new ChatmlClient({ url: server.origin, token: server.token });
    await fresh.connect([id]);
    await fresh.send(id, "What did I tell you? @@remember");
    await fresh.waitUntil(() => fresh.list(id).filter((event) => event.type === "turn.completed").length === 2, 60_000, "the turn after the lost session");
    expect(fresh.list(id).filter((event) => event.type === "turn.completed").at(-1)).toMatchObject({ isError: false });
    expect(fresh.assistantText(id)).toContain("MANGO");
    expect(lostSessionNotices(fresh.list(id))).toHaveLength(1);
    expect(fresh.list(id).filter((event) => event.type === "process.exited" && !event.isExpected)).toEqual([]);
    expect(fresh.anomalies).toEqual([]);
    fresh.disconnect();
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });
});

function lastToolPart(client: ChatmlClient, conversationId: string, name: string) {
  const parts = client
    .list(conversationId)
    .flatMap((event) => (event.type === "message.part.updated" ? [event.part] : event.type === "message.created" ? event.message.parts : []))
    .filter((part) => part.kind === "tool" && part.name === name);
  const last = parts.at(-1);
  return last?.kind === "tool" ? last : undefined;
}

/** The CLI's session transcripts (`~/.claude/projects/<folder>/<session>.jsonl`). */
function transcripts(home: string): string[] {
  const projects = join(home, ".claude", "projects");
  if (!existsSync(projects)) return [];
  return readdirSync(projects, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".jsonl")).map((name) => join(projects, name));
}

function transcriptsMention(home: string, text: string): boolean {
  return transcripts(home).some((path) => readFileSync(path, "utf8").includes(text));
}

function deleteTranscripts(home: string): void {
  for (const path of transcripts(home)) rmSync(path);
}

function childPids(parent: number): number[] {
  const output = Bun.spawnSync(["pgrep", "-P", String(parent)]).stdout.toString();
  return output.split("\n").filter(Boolean).map(Number);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
