import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBinPath, cliEnv, PINNED_CLI_VERSIONS, startChatml, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { SUGGESTION_REPLY } from "./fake-api/scripts.ts";
import { todosFromCalls } from "../web/src/features/chat/tasks/task-list.ts";

const newest = PINNED_CLI_VERSIONS.at(-1) ?? "";

/**
 * A smoke turn through ChatML on the newest pinned CLI (not in the whole matrix, to keep the suite short): it speaks
 * stdio, its turn and a tool permission go through, and it says nothing the translator does not know.
 */
describe(`the newest pinned CLI (${newest}) through ChatML`, () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let client: ChatmlClient;

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    // The Task tools that replace TodoWrite are offered only to some models, or with this switch.
    const env = { ...cliEnv({ apiUrl: api.url, home: tempDir("chatml-newest-home") }), CLAUDE_CODE_ENABLE_TODO_TOOLS: "1" };
    server = await startChatml({ dataDir: tempDir("chatml-newest-data"), claudeBin: cliBinPath(newest), env });
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
    await api?.stop();
  });

  it("streams a turn and runs an allowed tool, with no unknown message types", async () => {
    const conversation = await client.startInFolder(tempDir("chatml-newest-work"));
    const id = conversation.id;
    await client.connect([id]);
    await client.send(id, "Hello @@text");
    await client.waitForEvent(id, "turn.completed");
    const session = client.list(id).find((e) => e.type === "cli.session.updated");
    expect(session).toMatchObject({ cliVersion: newest, transport: "stdio" });
    await client.send(id, "Run it @@bash");
    const { request } = await client.waitForEvent(id, "permission.requested");
    await client.answer(id, request.id, { decision: "allow" });
    await client.waitUntil(() => client.assistantText(id).includes("Tool said: hello-from-bash"), 60_000, "the tool's output in the reply");
    const unknown = client.list(id).filter((e) => e.type === "notice" && e.text.includes("does not understand yet"));
    expect(unknown).toEqual([]);
    expect(client.anomalies).toEqual([]);
  });

  it("builds the todo list from TaskCreate and TaskUpdate, and reports the context window when someone looks", async () => {
    const conversation = await client.startInFolder(tempDir("chatml-newest-tasks"));
    const id = conversation.id;
    await client.connect([id]);
    await client.send(id, "Track it @@todo");
    await client.waitUntil(() => client.assistantText(id).includes("Todo list updated."), 60_000, "the todo turn");
    const calls = client.list(id).flatMap((e) => (e.type === "message.part.updated" && e.part.kind === "tool" && e.part.status === "completed" && e.part.name.startsWith("Task") ? [e.part] : []));
    expect(calls.map((part) => part.name)).toEqual(["TaskCreate", "TaskCreate", "TaskUpdate"]);
    expect(todosFromCalls(calls)).toEqual([
      { content: "Write the code", status: "completed", activeForm: "Writing the code" },
      { content: "Ship it", status: "pending", activeForm: "Shipping it" },
    ]);
    await client.waitForEvent(id, "turn.completed");
    // Nobody looked at the figures: no get_context_usage (each costs ~30 count_tokens calls on 2.1.330+, ADR 0038).
    const countCalls = () => api.requests.filter((request) => request.path.startsWith("/v1/messages/count_tokens")).length;
    expect(countCalls()).toBe(0);
    expect(client.list(id).some((e) => e.type === "context.usage.updated")).toBe(false);
    // A device opens the Usage panel: the CLI is asked once; a second look at current figures asks nothing.
    const watch = () => client.api<{ asked: boolean }>(`/api/conversations/${id}/context-usage/watch`, { body: {} });
    expect(await watch()).toEqual({ asked: true });
    const { usage } = await client.waitForEvent(id, "context.usage.updated");
    expect(usage?.categories.map((category) => category.kind)).toContain("free");
    const probeCalls = countCalls();
    expect(probeCalls).toBeGreaterThan(0);
    expect(await watch()).toEqual({ asked: false });
    expect(countCalls()).toBe(probeCalls);
  });

  it("offers Claude Code's next-prompt guess when the setting is on, and says where a sent prompt is in the CLI's queue", async () => {
    await client.api("/api/settings", { method: "PUT", body: { promptSuggestions: true } });
    try {
      const conversation = await client.startInFolder(tempDir("chatml-newest-suggest"));
      const id = conversation.id;
      await client.connect([id]);
      const { messageId } = await client.send(id, "Hello @@suggest");
      const suggested = () => (client.deltas.get(id) ?? []).flatMap((e) => (e.type === "prompt.suggested" ? [e.suggestion] : []));
      await client.waitUntil(() => suggested().length > 0, 60_000, "a prompt suggestion");
      expect(suggested()).toEqual([SUGGESTION_REPLY]);
      // command_lifecycle of the prompt, on the ChatML message it was sent as.
      const states = () => (client.deltas.get(id) ?? []).flatMap((e) => (e.type === "message.lifecycle" && e.messageId === messageId ? [e.state] : []));
      await client.waitUntil(() => states().includes("completed"), 30_000, "the prompt completed");
      expect(states()).toEqual(["queued", "started", "completed"]);
      expect(client.list(id).filter((e) => e.type === "notice" && e.text.includes("does not understand yet"))).toEqual([]);
    } finally {
      await client.api("/api/settings", { method: "PUT", body: { promptSuggestions: false } });
    }
  });
});
