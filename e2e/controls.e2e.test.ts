import { describe, expect, it } from "vitest";
import { requestText } from "./fake-api/request-text.ts";
import { conversationStack } from "./support/conversation-stack.ts";

/** A 1×1 transparent PNG. */
const PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** Commands beyond plain messages, on both pinned CLIs: questions, plans, live model/mode changes, images, retries. */
describe.each(["2.1.119", "2.1.330"])("conversation controls on the real CLI %s", (version) => {
  const stack = conversationStack("chatml-controls", version);
  const { open } = stack;

  const turns = (id: string) => stack.client.list(id).filter((event) => event.type === "turn.completed").length;
  // An image and a retried command are the server's (a message with an image block, a command id), alike on either
  // transport: checked on the newer CLI only (ADR 0156). Questions, plans and live changes differ by version and stay.
  const onNewerCli = version === "2.1.330";

  it("answers AskUserQuestion keyed by question text, and the model receives the answer", async () => {
    const id = await open();
    await stack.client.send(id, "Ask me something @@ask");
    const { request } = await stack.client.waitForEvent(id, "permission.requested");
    expect(request.kind).toBe("question");
    expect(request.questions?.[0]).toMatchObject({ question: "Which color do you prefer?", multiSelect: false });
    expect(request.questions?.[0]?.options.map((option) => option.label)).toEqual(["Red", "Blue"]);
    await stack.client.answer(id, request.id, { decision: "allow", answers: { "Which color do you prefer?": "Blue" } });
    await stack.client.waitForEvent(id, "turn.completed");
    expect(stack.client.assistantText(id)).toMatch(/You answered: .*Blue/);
  });

  it("shows a plan for approval and approves it", async () => {
    const id = await open({ permissionMode: "plan" });
    await stack.client.send(id, "Make a plan @@plan");
    const { request } = await stack.client.waitForEvent(id, "permission.requested", (event) => event.request.kind === "plan");
    expect(request.plan).toContain("Plan");
    await stack.client.answer(id, request.id, { decision: "allow" });
    await stack.client.waitForEvent(id, "turn.completed");
    expect(stack.client.assistantText(id)).toMatch(/Plan result: .*approved/i);
  });

  it("rejects a plan with feedback the model receives", async () => {
    const id = await open({ permissionMode: "plan" });
    await stack.client.send(id, "Make a plan @@plan");
    const { request } = await stack.client.waitForEvent(id, "permission.requested", (event) => event.request.kind === "plan");
    await stack.client.answer(id, request.id, { decision: "deny", message: "Add tests first." });
    await stack.client.waitForEvent(id, "turn.completed");
    expect(stack.client.assistantText(id)).toContain("Add tests first.");
    // "Keep planning" is not a failure: the ExitPlanMode call reads as denied (shown as "kept planning").
    const plan = stack.client.list(id).flatMap((e) => (e.type === "message.part.updated" && e.part.kind === "tool" && e.part.name === "ExitPlanMode" ? [e.part] : [])).at(-1);
    expect(plan).toMatchObject({ status: "failed", outcome: "denied" });
  });

  it("changes the model and the permission mode of a running CLI", async () => {
    const id = await open();
    await stack.client.send(id, "Hello @@text");
    await stack.client.waitForEvent(id, "turn.completed");
    await stack.client.api(`/api/conversations/${id}/model`, { body: { commandId: stack.client.commandId(), model: "claude-haiku-4-5" } });
    // Said as the CLI takes it, not at the next turn's init: every device's status line names the new model at once.
    await stack.client.waitForEvent(id, "cli.session.updated", (event) => event.model === "claude-haiku-4-5");
    await stack.client.api(`/api/conversations/${id}/permission-mode`, { body: { commandId: stack.client.commandId(), mode: "acceptEdits" } });
    await stack.client.waitForEvent(id, "cli.status.changed", (event) => event.permissionMode === "acceptEdits");
    await stack.client.send(id, "Again @@text");
    await stack.client.waitUntil(() => turns(id) === 2, 60_000, "second turn");
    await stack.client.waitForEvent(id, "cli.session.updated", (event) => event.model === "claude-haiku-4-5");
    // After its turns, the CLI says how full its context window is (get_context_usage), by category.
    const { usage } = await stack.client.waitForEvent(id, "context.usage.updated");
    expect(usage?.maxTokens).toBeGreaterThan(0);
    expect(usage?.categories.some((category) => category.kind === "free")).toBe(true);
    const { conversation } = await stack.client.api<{ conversation: { model: string; permissionMode: string } }>(`/api/conversations/${id}`);
    expect(conversation).toMatchObject({ model: "claude-haiku-4-5", permissionMode: "acceptEdits" });
  });

  it("asks the API at the conversation's effort level: from its first launch, and at once after a change on the running CLI", async () => {
    const id = await open();
    // The first request of the conversation's own CLI that carries `marker` (not a one-shot title call: those have no tools).
    const effortAsked = (marker: string) => {
      const request = stack.api.requests.find((r) => r.path.startsWith("/v1/messages") && requestText(r).includes(marker) && (r.body as { tools?: unknown[] }).tools?.length);
      return (request?.body as { output_config?: { effort?: string } } | undefined)?.output_config?.effort;
    };
    const setEffort = (effort: string | null) => stack.client.api(`/api/conversations/${id}/effort`, { body: { commandId: stack.client.commandId(), effort } });
    await setEffort("high");
    await stack.client.send(id, "Effort one @@text");
    await stack.client.waitUntil(() => turns(id) === 1, 60_000, "first turn");
    expect(effortAsked("Effort one")).toBe("high");
    await setEffort("low");
    await stack.client.send(id, "Effort two @@text");
    await stack.client.waitUntil(() => turns(id) === 2, 60_000, "second turn");
    expect(effortAsked("Effort two")).toBe("low");
    const { conversation } = await stack.client.api<{ conversation: { effort: string | null } }>(`/api/conversations/${id}`);
    expect(conversation.effort).toBe("low");
  });

  it.runIf(onNewerCli)("sends an image, stores it once and serves it by URL", async () => {
    const id = await open();
    await stack.client.api(`/api/conversations/${id}/messages`, {
      body: { commandId: stack.client.commandId(), text: "What is this? @@text", images: [{ mediaType: "image/png", data: PIXEL_PNG }] },
    });
    await stack.client.waitForEvent(id, "turn.completed");
    const created = await stack.client.waitForEvent(id, "message.created", (event) => event.message.role === "user");
    const image = created.message.parts.find((part) => part.kind === "image");
    expect(image?.kind === "image" && image.mediaType).toBe("image/png");
    const blob = await fetch(`${stack.server.origin}/api/blobs/${image?.kind === "image" ? image.blobId : ""}`, { headers: { authorization: `Bearer ${stack.server.token}` } });
    expect(blob.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await blob.arrayBuffer()).toString("base64")).toBe(PIXEL_PNG);
    const imageRequest = stack.api.requests.find((request) => JSON.stringify(request.body ?? "").includes(PIXEL_PNG));
    expect(imageRequest, "the image reached the model").toBeDefined();
  });

  it.runIf(onNewerCli)("applies a retried command once", async () => {
    const id = await open();
    const commandId = stack.client.commandId();
    const body = { commandId, text: "Only once @@text" };
    const [first, second] = await Promise.all([
      stack.client.api<{ messageId: string }>(`/api/conversations/${id}/messages`, { body }),
      stack.client.api<{ messageId: string }>(`/api/conversations/${id}/messages`, { body }),
    ]);
    const third = await stack.client.api<{ messageId: string }>(`/api/conversations/${id}/messages`, { body });
    expect(second.messageId).toBe(first.messageId);
    expect(third.messageId).toBe(first.messageId);
    await stack.client.waitForEvent(id, "turn.completed");
    const userMessages = stack.client.list(id).filter((event) => event.type === "message.created" && event.message.role === "user");
    expect(userMessages).toHaveLength(1);
  });
});
