import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StorageCorruptionError } from "./errors.ts";
import { assistantMessage, notice, openTempDb, permissionRequest, seedConversation, textPart, type TempDb } from "./test-support.ts";

let t: TempDb;
beforeEach(() => {
  t = openTempDb();
});
afterEach(() => t.cleanup());

/** Runs `read` and returns the error it throws. */
function failure(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error("expected the read to fail");
}

describe("malformed stored data", () => {
  it("reports an event whose payload is not JSON, naming conversation and seq", () => {
    const { conversation } = seedConversation(t.repos);
    t.repos.events.appendBatch(conversation.id, [notice("fine")], 1);
    t.db.run("INSERT INTO events (conversation_id, seq, type, payload, at) VALUES ($id, 2, 'notice', '{\"type\":', 2)", {
      id: conversation.id,
    });
    const error = failure(() => t.repos.events.listAfter(conversation.id, 0, 10));
    expect(error).toBeInstanceOf(StorageCorruptionError);
    expect(error).toMatchObject({ code: "internal", where: `event ${conversation.id}#2` });
    expect(String(error)).toMatch(/invalid JSON/);
    expect(t.repos.events.listAfter(conversation.id, 0, 1)).toHaveLength(1);
  });

  it("reports an event that no longer matches its schema", () => {
    const { conversation } = seedConversation(t.repos);
    const payload = JSON.stringify({ type: "notice", level: "shouting", text: "x" });
    t.db.run("INSERT INTO events (conversation_id, seq, type, payload, at) VALUES ($id, 1, 'notice', $payload, 1)", {
      id: conversation.id,
      payload,
    });
    expect(() => t.repos.events.listAfter(conversation.id, 0, 10)).toThrow(/stored event .*#1 is malformed: level/);
  });

  it("reports a malformed part, message row, pending request and conversation row", () => {
    const { conversation } = seedConversation(t.repos);
    const message = assistantMessage([textPart("hi")]);
    const request = permissionRequest();
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }, { type: "permission.requested", request }], 1);

    t.db.run("UPDATE parts SET payload = '{\"kind\":\"text\"}'");
    expect(() => t.repos.messages.list(conversation.id)).toThrow(StorageCorruptionError);
    t.db.run("UPDATE parts SET payload = $payload", { payload: JSON.stringify(message.parts[0]) });
    t.db.run("UPDATE messages SET role = 'robot'");
    expect(() => t.repos.messages.list(conversation.id)).toThrow(/stored message .* is malformed: role/);

    t.db.run("UPDATE pending_permissions SET payload = 'null'");
    expect(() => t.repos.pendingPermissions.list(conversation.id)).toThrow(StorageCorruptionError);

    t.db.run("UPDATE conversations SET status = 'dancing'");
    expect(() => t.repos.conversations.get(conversation.id)).toThrow(/stored conversation .* is malformed: status/);
  });

  it("reports a malformed setting and a blob whose size does not match", () => {
    t.db.run("INSERT INTO settings (key, value, updated_at) VALUES ('transport', '\"warp\"', 0)");
    expect(() => t.repos.settings.get()).toThrow(/stored setting transport is malformed/);
    const id = t.repos.blobs.put(new Uint8Array([1, 2]), "image/png");
    t.db.run("UPDATE blobs SET size = 99");
    expect(() => t.repos.blobs.get(id)).toThrow(StorageCorruptionError);
  });
});
