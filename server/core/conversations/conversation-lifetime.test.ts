import { afterEach, describe, expect, it } from "vitest";
import type { ConversationId, PermissionId } from "../../../shared/ids.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import type { ConversationService } from "./conversation-service.ts";
import { fakeCliConversationService } from "./conversation-test-kit.ts";
import { until } from "../../test-support/until.ts";

/*
 * What a conversation holds while it lives and after (issue 16): a runtime exists only while its CLI process does;
 * an idle CLI sleeps and wakes; deleting a conversation frees its process, runtime and rows. Real SQLite and a real
 * (fake) CLI child process over stdio.
 */
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function setup(options: { sleepAfterMs?: number; interrupt?: "accept" } = {}) {
  const kit = await fakeCliConversationService({ folderPrefix: "chatml-lifetime-", ...options });
  cleanup = kit.cleanup;
  const { messages, conversation } = kit;
  const events = (type: DurableEvent["type"]) => messages.filter((m) => m.kind === "event" && m.conversationId === conversation.id && m.sequenced.event.type === type);
  return { ...kit, events };
}

let commands = 0;
const send = (s: ConversationService, id: ConversationId, text: string) => s.sendMessage(id, { commandId: `cmd-${commands++}`, text, images: [] });

describe("conversation lifetime", () => {
  it("holds a runtime only while the CLI runs: stopping it lets the runtime go, the next message makes a new one", async () => {
    const { service, conversation, events } = await setup();
    await send(service, conversation.id, "hello");
    await until(() => events("turn.completed").length === 1, "the first turn");
    expect(service.liveRuntimeCount).toBe(1);
    await service.stop(conversation.id, `cmd-${commands++}`);
    await until(() => service.liveRuntimeCount === 0, "the runtime to be dropped");
    await send(service, conversation.id, "hello");
    await until(() => events("turn.completed").length === 2, "the turn after the stop");
    expect(service.liveRuntimeCount).toBe(1);
  });

  it("a server shutting down ends each CLI saying ChatML shut down, not a bare 'Stopped' the user never asked for", async () => {
    const { service, conversation, events } = await setup();
    await send(service, conversation.id, "hello");
    await until(() => events("turn.completed").length === 1, "the first turn");
    await service.stopAll();
    await until(() => events("process.exited").length === 1, "the CLI to end");
    const exited = events("process.exited")[0];
    expect(exited?.kind === "event" && exited.sequenced.event).toMatchObject({ type: "process.exited", isExpected: true, reason: "ChatML shut down" });
  });

  it("a server shutting down while Claude asks for a permission withdraws it, saying so once: Claude is not asked again with the failure", async () => {
    const { service, conversation, events, repos } = await setup({ interrupt: "accept" });
    await send(service, conversation.id, "ask mcp__github__create_issue");
    await until(() => repos.conversations.get(conversation.id)?.status === "waiting", "the permission request");
    await service.stopAll();
    await until(() => events("process.exited").length === 1, "the CLI to end");
    const texts = repos.messages.list(conversation.id).flatMap((message) => message.parts).flatMap((part) => (part.kind === "text" ? [part.text] : []));
    expect(texts.filter((text) => /AbortError/.test(text))).toEqual([]);
    const resolved = events("permission.resolved").map((m) => m.kind === "event" && m.sequenced.event);
    expect(resolved).toEqual([expect.objectContaining({ outcome: "cancelled", message: "ChatML shut down: the request was withdrawn, nothing ran." })]);
  });

  it("puts an idle CLI to sleep, says so, lets the runtime go, and wakes it on the next message", async () => {
    const { service, conversation, events, repos } = await setup({ sleepAfterMs: 150 });
    await send(service, conversation.id, "hello");
    await until(() => events("process.exited").length === 1, "the CLI to fall asleep");
    const exited = events("process.exited")[0];
    expect(exited?.kind === "event" && exited.sequenced.event).toMatchObject({ type: "process.exited", isExpected: true, reason: expect.stringMatching(/^Sleeping after 0 s/) });
    await until(() => repos.conversations.get(conversation.id)?.status === "idle" && service.liveRuntimeCount === 0, "the sleeping state");
    expect(repos.conversations.get(conversation.id)?.statusReason).toMatch(/^Sleeping after .*wakes it/);
    await send(service, conversation.id, "hello");
    await until(() => events("turn.completed").length === 2, "the woken turn");
    expect(repos.conversations.get(conversation.id)?.statusReason).toBeNull();
  });

  it("sleeps only after a background task ended, not while it ran (stopping the CLI would kill the task with it)", async () => {
    const { service, conversation, messages } = await setup({ sleepAfterMs: 50 });
    // The task runs 30 idle periods; the CLI must still be up when it reports its end.
    await send(service, conversation.id, "bgtask 1500");
    const sequenced = () => messages.flatMap((m) => (m.kind === "event" && m.conversationId === conversation.id ? [m.sequenced] : []));
    await until(() => sequenced().some((e) => e.event.type === "process.exited"), "the CLI to fall asleep");
    const seqOf = (match: (e: DurableEvent) => boolean) => sequenced().find((e) => match(e.event))?.seq ?? -1;
    const taskDone = seqOf((e) => e.type === "task.updated" && e.status === "completed");
    const turnDone = seqOf((e) => e.type === "turn.completed");
    const exited = seqOf((e) => e.type === "process.exited");
    expect(turnDone).toBeGreaterThan(0);
    expect(taskDone).toBeGreaterThan(turnDone);
    expect(exited).toBeGreaterThan(taskDone);
    expect(sequenced().find((e) => e.event.type === "process.exited")?.event).toMatchObject({ isExpected: true, reason: expect.stringMatching(/^Sleeping after/) });
  });

  it("tells devices of the conversation's row only when a line changed it: a 'requesting' status did not (one more frame to every socket at each turn's start)", async () => {
    const { service, conversation, events, messages } = await setup();
    const afterStatus = (mode: string | null) => {
      const at = messages.findIndex((m) => m.kind === "event" && m.sequenced.event.type === "cli.status.changed" && m.sequenced.event.permissionMode === mode);
      return messages[at + 1];
    };
    await send(service, conversation.id, "status requesting");
    await until(() => events("turn.completed").length === 1, "the first turn");
    expect(afterStatus(null)).toMatchObject({ kind: "event", sequenced: { event: { type: "message.created" } } });
    // A status line that carries a new permission mode changes the row: devices are told at once.
    await send(service, conversation.id, "status requesting plan");
    await until(() => events("turn.completed").length === 2, "the second turn");
    expect(afterStatus("plan")).toMatchObject({ kind: "entity", change: { kind: "conversation", conversation: { id: conversation.id, permissionMode: "plan" } } });
  });

  it("deletes a live conversation: its process ends, its runtime and rows are gone, devices are told", async () => {
    const { service, conversation, events, repos, messages } = await setup();
    const kept = repos.conversations.create({ sessionId: conversation.sessionId });
    // The fake CLI answers text commands only: the image message gets no turn, the "hello" after it does.
    await service.sendMessage(conversation.id, { commandId: "with-image", text: "look", images: [{ mediaType: "image/png", data: Buffer.from("png-bytes").toString("base64") }] });
    await send(service, conversation.id, "hello");
    await until(() => events("turn.completed").length === 1, "the first turn");
    const blobId = repos.messages.list(conversation.id).flatMap((m) => m.parts).find((p) => p.kind === "image");
    expect(blobId?.kind === "image" && repos.blobs.get(blobId.blobId)).toBeTruthy();
    const pid = repos.cliProcesses.listAll().find((row) => row.conversationId === conversation.id)?.pid;
    expect(pid).toBeGreaterThan(0);

    await service.delete(conversation.id);
    expect(service.liveRuntimeCount).toBe(0);
    expect(() => process.kill(pid as number, 0)).toThrow();
    expect(repos.conversations.get(conversation.id)).toBeNull();
    expect(repos.events.listAfter(conversation.id, 0, 10)).toEqual([]);
    expect(repos.messages.list(conversation.id)).toEqual([]);
    expect(blobId?.kind === "image" && repos.blobs.get(blobId.blobId)).toBeNull();
    expect(repos.commands.find(conversation.id, "with-image")).toBeUndefined();
    expect(repos.conversations.get(kept.id)).not.toBeNull();
    expect(messages.at(-1)).toEqual({ kind: "entity", change: { kind: "removed", entity: "conversation", id: conversation.id } });
    await expect(service.delete(conversation.id)).rejects.toMatchObject({ code: "not_found" });
  });
  it("stopIfIdle leaves a CLI in the middle of a turn running and ends an idle one (a changed budget reaches it at its next launch)", async () => {
    const { service, conversation, events, repos } = await setup();
    await send(service, conversation.id, "ask rm -rf build");
    await until(() => repos.conversations.get(conversation.id)?.status === "waiting", "the permission request");
    await service.stopIfIdle(conversation.id);
    expect(events("process.exited")).toEqual([]);
    const asked = events("permission.requested")[0];
    const requestId = (asked?.kind === "event" && asked.sequenced.event.type === "permission.requested" ? asked.sequenced.event.request.id : "") as PermissionId;
    await service.answerPermission(conversation.id, requestId, { commandId: `cmd-${commands++}`, decision: "allow" });
    await until(() => repos.conversations.get(conversation.id)?.status === "ready", "the turn to end");
    expect(events("process.exited")).toEqual([]);
    await service.stopIfIdle(conversation.id);
    await until(() => events("process.exited").length === 1, "the idle CLI to end");
    await send(service, conversation.id, "hello");
    await until(() => events("turn.completed").length === 2, "the turn in a new process");
  });
});
