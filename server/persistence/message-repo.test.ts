import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DurableEvent } from "../../shared/protocol/events.ts";
import type { ToolPart } from "../../shared/protocol/model.ts";
import { assistantMessage, openTempDb, permissionRequest, seedConversation, textPart, toolPart, type TempDb } from "./test-support.ts";

let t: TempDb;
beforeEach(() => {
  t = openTempDb();
});
afterEach(() => t.cleanup());

function completed(tool: ToolPart, text: string): ToolPart {
  return { ...tool, status: "completed", result: { text, isError: false, isTruncated: false }, endedAt: 20 };
}

describe("messages projection", () => {
  it("stores an assistant message with text and a tool call, then the tool's result in place", () => {
    const { conversation } = seedConversation(t.repos);
    const text = textPart("Let me look.");
    const tool = toolPart("toolu_1");
    const message = assistantMessage([text, tool]);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], 1);
    expect(t.repos.messages.list(conversation.id)).toEqual([message]);

    const done = completed(tool, "a.txt\nb.txt");
    const after = textPart("Two files.");
    t.repos.events.appendBatch(
      conversation.id,
      [
        { type: "message.part.updated", messageId: message.id, part: done },
        { type: "message.part.updated", messageId: message.id, part: after },
      ],
      2,
    );
    expect(t.repos.messages.list(conversation.id)).toEqual([{ ...message, parts: [text, done, after] }]);
    expect(t.repos.messages.get(message.id)?.parts).toEqual([text, done, after]);
    expect(t.repos.messages.findToolPart(conversation.id, "toolu_1")).toEqual({ messageId: message.id, part: done });
    expect(t.repos.messages.findToolPart(conversation.id, "toolu_none")).toBeNull();
  });

  it("keeps a re-created message in its place and its parts in order", () => {
    const { conversation } = seedConversation(t.repos);
    const first = assistantMessage([textPart("one")]);
    const second = assistantMessage([textPart("two")]);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: first }], 1);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: second }], 2);
    const replayed = { ...first, model: "other", parts: [...first.parts, textPart("one more")] };
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: replayed }], 3);
    expect(t.repos.messages.list(conversation.id)).toEqual([replayed, second]);
  });

  it("pages from the newest messages backwards", () => {
    const { conversation } = seedConversation(t.repos);
    const all = Array.from({ length: 5 }, (_, i) => assistantMessage([textPart(`m${i}`)]));
    t.repos.events.appendBatch(conversation.id, all.map((message) => ({ type: "message.created", message })), 1);
    const newest = t.repos.messages.page(conversation.id, { limit: 2 });
    expect(newest.messages).toEqual(all.slice(3));
    expect(newest.nextBeforePosition).not.toBeNull();
    const older = t.repos.messages.page(conversation.id, { limit: 2, beforePosition: newest.nextBeforePosition ?? 0 });
    expect(older.messages).toEqual(all.slice(1, 3));
    const oldest = t.repos.messages.page(conversation.id, { limit: 2, beforePosition: older.nextBeforePosition ?? 0 });
    expect(oldest).toEqual({ messages: all.slice(0, 1), nextBeforePosition: null });
    expect(t.repos.messages.list(conversation.id)).toEqual(all);
  });

  it("rejects a message id reused by another conversation", () => {
    const a = seedConversation(t.repos).conversation;
    const b = seedConversation(t.repos).conversation;
    const message = assistantMessage([textPart("mine")]);
    t.repos.events.appendBatch(a.id, [{ type: "message.created", message }], 1);
    expect(() => t.repos.events.appendBatch(b.id, [{ type: "message.created", message }], 2)).toThrow(/belongs to conversation/);
    expect(t.repos.messages.list(b.id)).toEqual([]);
  });
});

describe("pending permissions and conversation projection", () => {
  it("opens a request on permission.requested and closes it on permission.resolved", () => {
    const { conversation } = seedConversation(t.repos);
    const request = permissionRequest();
    const other = permissionRequest();
    t.repos.events.appendBatch(conversation.id, [{ type: "permission.requested", request }, { type: "permission.requested", request: other }], 1);
    expect(t.repos.pendingPermissions.list(conversation.id)).toEqual([request, other]);
    expect(t.repos.pendingPermissions.get(conversation.id, request.id)).toEqual(request);
    const resolved: DurableEvent = { type: "permission.resolved", requestId: request.id, outcome: "allowed", message: null };
    t.repos.events.appendBatch(conversation.id, [resolved], 2);
    expect(t.repos.pendingPermissions.list(conversation.id)).toEqual([other]);
    expect(t.repos.pendingPermissions.get(conversation.id, request.id)).toBeNull();
    expect(t.repos.pendingPermissions.listAll()).toEqual([{ conversationId: conversation.id, request: other }]);
  });

  it("updates status, CLI session facts and permission mode, the last event of a batch winning", () => {
    const { conversation } = seedConversation(t.repos);
    const events: DurableEvent[] = [
      { type: "conversation.status.changed", status: "starting", reason: null },
      {
        type: "cli.session.updated",
        cliSessionId: "cli-42",
        cliVersion: "2.1.119",
        model: "claude-opus",
        permissionMode: "default",
        cwd: "/tmp/project",
        tools: ["Bash"],
        slashCommands: [],
        transport: "stdio",
      },
      { type: "conversation.status.changed", status: "running", reason: null },
      { type: "cli.status.changed", status: null, permissionMode: "plan" },
    ];
    t.repos.events.appendBatch(conversation.id, events, 50);
    expect(t.repos.conversations.get(conversation.id)).toMatchObject({
      status: "running",
      statusReason: null,
      cliSessionId: "cli-42",
      model: "claude-opus",
      permissionMode: "plan",
      transport: "stdio",
      lastSeq: 4,
      updatedAt: 50,
    });
    t.repos.events.appendBatch(conversation.id, [{ type: "conversation.status.changed", status: "exited", reason: "killed" }], 60);
    expect(t.repos.conversations.get(conversation.id)).toMatchObject({ status: "exited", statusReason: "killed", model: "claude-opus" });
  });
});
