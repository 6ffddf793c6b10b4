import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBinPath, cliEnv, startChatml, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

/** A 1×1 transparent PNG. */
const PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** Commands beyond plain messages, on both pinned CLIs: questions, plans, live model/mode changes, images, retries. */
describe.each(["2.1.119", "2.1.330"])("conversation controls on the real CLI %s", (version) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let client: ChatmlClient;

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-controls-home") });
    server = await startChatml({ dataDir: tempDir("chatml-controls-data"), claudeBin: cliBinPath(version), env });
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
    await api?.stop();
  });

  async function open(extra: Record<string, unknown> = {}): Promise<string> {
    const conversation = await client.startInFolder(tempDir("chatml-controls-work"), extra);
    await client.connect([conversation.id]);
    return conversation.id;
  }

  const turns = (id: string) => client.list(id).filter((event) => event.type === "turn.completed").length;

  it("answers AskUserQuestion keyed by question text, and the model receives the answer", async () => {
    const id = await open();
    await client.send(id, "Ask me something @@ask");
    const { request } = await client.waitForEvent(id, "permission.requested");
    expect(request.kind).toBe("question");
    expect(request.questions?.[0]).toMatchObject({ question: "Which color do you prefer?", multiSelect: false });
    expect(request.questions?.[0]?.options.map((option) => option.label)).toEqual(["Red", "Blue"]);
    await client.answer(id, request.id, { decision: "allow", answers: { "Which color do you prefer?": "Blue" } });
    await client.waitForEvent(id, "turn.completed");
    expect(client.assistantText(id)).toMatch(/You answered: .*Blue/);
  });

  it("shows a plan for approval and approves it", async () => {
    const id = await open({ permissionMode: "plan" });
    await client.send(id, "Make a plan @@plan");
    const { request } = await client.waitForEvent(id, "permission.requested", (event) => event.request.kind === "plan");
    expect(request.plan).toContain("Plan");
    await client.answer(id, request.id, { decision: "allow" });
    await client.waitForEvent(id, "turn.completed");
    expect(client.assistantText(id)).toMatch(/Plan result: .*approved/i);
  });

  it("rejects a plan with feedback the model receives", async () => {
    const id = await open({ permissionMode: "plan" });
    await client.send(id, "Make a plan @@plan");
    const { request } = await client.waitForEvent(id, "permission.requested", (event) => event.request.kind === "plan");
    await client.answer(id, request.id, { decision: "deny", message: "Add tests first." });
    await client.waitForEvent(id, "turn.completed");
    expect(client.assistantText(id)).toContain("Add tests first.");
    // "Keep planning" is not a failure: the ExitPlanMode call reads as denied (shown as "kept planning").
    const plan = client.list(id).flatMap((e) => (e.type === "message.part.updated" && e.part.kind === "tool" && e.part.name === "ExitPlanMode" ? [e.part] : [])).at(-1);
    expect(plan).toMatchObject({ status: "failed", outcome: "denied" });
  });

  it("changes the model and the permission mode of a running CLI", async () => {
    const id = await open();
    await client.send(id, "Hello @@text");
    await client.waitForEvent(id, "turn.completed");
    await client.api(`/api/conversations/${id}/model`, { body: { commandId: client.commandId(), model: "claude-haiku-4-5" } });
    await client.api(`/api/conversations/${id}/permission-mode`, { body: { commandId: client.commandId(), mode: "acceptEdits" } });
    await client.waitForEvent(id, "cli.status.changed", (event) => event.permissionMode === "acceptEdits");
    await client.send(id, "Again @@text");
    await client.waitUntil(() => turns(id) === 2, 60_000, "second turn");
    await client.waitForEvent(id, "cli.session.updated", (event) => event.model === "claude-haiku-4-5");
    // After its turns, the CLI says how full its context window is (get_context_usage), by category.
    const { usage } = await client.waitForEvent(id, "context.usage.updated");
    expect(usage?.maxTokens).toBeGreaterThan(0);
    expect(usage?.categories.some((category) => category.kind === "free")).toBe(true);
    const { conversation } = await client.api<{ conversation: { model: string; permissionMode: string } }>(`/api/conversations/${id}`);
    expect(conversation).toMatchObject({ model: "claude-haiku-4-5", permissionMode: "acceptEdits" });
  });

  it("sends an image, stores it once and serves it by URL", async () => {
    const id = await open();
    await client.api(`/api/conversations/${id}/messages`, {
      body: { commandId: client.commandId(), text: "What is this? @@text", images: [{ mediaType: "image/png", data: PIXEL_PNG }] },
    });
    await client.waitForEvent(id, "turn.completed");
    const created = await client.waitForEvent(id, "message.created", (event) => event.message.role === "user");
    const image = created.message.parts.find((part) => part.kind === "image");
    expect(image?.kind === "image" && image.mediaType).toBe("image/png");
    const blob = await fetch(`${server.origin}/api/blobs/${image?.kind === "image" ? image.blobId : ""}`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(blob.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await blob.arrayBuffer()).toString("base64")).toBe(PIXEL_PNG);
    const imageRequest = api.requests.find((request) => JSON.stringify(request.body ?? "").includes(PIXEL_PNG));
    expect(imageRequest, "the image reached the model").toBeDefined();
  });

  it("applies a retried command once", async () => {
    const id = await open();
    const commandId = client.commandId();
    const body = { commandId, text: "Only once @@text" };
    const [first, second] = await Promise.all([
      client.api<{ messageId: string }>(`/api/conversations/${id}/messages`, { body }),
      client.api<{ messageId: string }>(`/api/conversations/${id}/messages`, { body }),
    ]);
    const third = await client.api<{ messageId: string }>(`/api/conversations/${id}/messages`, { body });
    expect(second.messageId).toBe(first.messageId);
    expect(third.messageId).toBe(first.messageId);
    await client.waitForEvent(id, "turn.completed");
    const userMessages = client.list(id).filter((event) => event.type === "message.created" && event.message.role === "user");
    expect(userMessages).toHaveLength(1);
  });
});
