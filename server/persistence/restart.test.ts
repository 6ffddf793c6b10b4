import { afterEach, describe, expect, it } from "vitest";
import { assistantMessage, notice, openTempDb, permissionRequest, seedConversation, textPart, toolPart, type TempDb } from "./test-support.ts";

let t: TempDb | undefined;
afterEach(() => t?.cleanup());

describe("reopening after close (a server restart)", () => {
  it("keeps entities, the event log, projections, settings, commands and blobs", () => {
    t = openTempDb();
    const { workspace, session, conversation } = seedConversation(t.repos);
    const message = assistantMessage([textPart("hello"), toolPart("toolu_1")]);
    const request = permissionRequest();
    const stored = t.repos.events.appendBatch(
      conversation.id,
      [
        { type: "conversation.status.changed", status: "waiting", reason: null },
        { type: "message.created", message },
        { type: "permission.requested", request },
        notice("persisted"),
      ],
      100,
    );
    t.repos.settings.set("transport", "stdio");
    t.repos.commands.remember(conversation.id, "cmd-00000001", { messageId: message.id });
    const blobId = t.repos.blobs.put(new Uint8Array([1, 2, 3]), "image/png");
    const before = t.repos.conversations.get(conversation.id);

    t = t.reopen();
    expect(t.repos.workspaces.list()).toEqual([workspace]);
    expect(t.repos.sessions.get(session.id)).toEqual(session);
    expect(t.repos.conversations.get(conversation.id)).toEqual(before);
    expect(t.repos.conversations.listActive().map((c) => c.id)).toEqual([conversation.id]);
    expect(t.repos.events.listAfter(conversation.id, 0, 100)).toEqual(stored);
    expect(t.repos.messages.list(conversation.id)).toEqual([message]);
    expect(t.repos.pendingPermissions.listAll()).toEqual([{ conversationId: conversation.id, request }]);
    expect(t.repos.settings.get().transport).toBe("stdio");
    expect(t.repos.commands.find(conversation.id, "cmd-00000001")).toEqual({ messageId: message.id });
    expect(t.repos.blobs.get(blobId)?.bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(t.repos.events.appendBatch(conversation.id, [notice("after restart")], 200)[0]?.seq).toBe(5);
  });
});
