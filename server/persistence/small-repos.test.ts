import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { newId } from "../../shared/ids.ts";
import { countStatements } from "../test-support/statement-counter.ts";
import { DEFAULT_SETTINGS } from "./settings-repo.ts";
import { openTempDb, seedConversation, type TempDb } from "./test-support.ts";

// Counting wraps bun:sqlite before each test opens its database (this file's worker has a module state of its own).
const counter = countStatements();
let t: TempDb;
beforeEach(() => {
  t = openTempDb();
});
afterEach(() => t.cleanup());

describe("CommandRepo", () => {
  it("remembers the first answer of a command and returns it for retries", () => {
    const { conversation } = seedConversation(t.repos);
    expect(t.repos.commands.find(conversation.id, "cmd-aaaaaaaa")).toBeUndefined();
    expect(t.repos.commands.remember(conversation.id, "cmd-aaaaaaaa", { messageId: "msg_first0" })).toEqual({ messageId: "msg_first0" });
    expect(t.repos.commands.remember(conversation.id, "cmd-aaaaaaaa", { messageId: "msg_second" })).toEqual({ messageId: "msg_first0" });
    expect(t.repos.commands.find(conversation.id, "cmd-aaaaaaaa")).toEqual({ messageId: "msg_first0" });
    expect(t.repos.commands.find("global", "cmd-aaaaaaaa")).toBeUndefined();
  });

  it("stores a new answer with one statement and reads back only an answer stored before (a send's commit runs it)", () => {
    const { conversation } = seedConversation(t.repos);
    counter.take();
    expect(t.repos.commands.remember(conversation.id, "cmd-dddddddd", { messageId: "msg_first0", at: undefined })).toEqual({ messageId: "msg_first0" });
    const stored = counter.take();
    expect(stored.statements, JSON.stringify(stored.bySql)).toBe(1);
    expect(stored.transactions).toBe(0);
    expect(t.repos.commands.remember(conversation.id, "cmd-dddddddd", { messageId: "msg_second" })).toEqual({ messageId: "msg_first0" });
    expect(counter.take().statements).toBe(2);
    expect(t.repos.commands.remember(conversation.id, "cmd-eeeeeeee", undefined)).toBeNull();
  });

  it("validates with a schema, stores undefined as null and prunes old answers", () => {
    t.repos.commands.remember("global", "cmd-bbbbbbbb", { ok: true });
    expect(t.repos.commands.find("global", "cmd-bbbbbbbb", z.object({ ok: z.literal(true) }))).toEqual({ ok: true });
    expect(() => t.repos.commands.find("global", "cmd-bbbbbbbb", z.object({ messageId: z.string() }))).toThrow(/malformed/);
    t.repos.commands.remember("global", "cmd-cccccccc", undefined);
    expect(t.repos.commands.find("global", "cmd-cccccccc")).toBeNull();
    expect(t.repos.commands.prune(1_001)).toBe(2);
    expect(t.repos.commands.find("global", "cmd-bbbbbbbb")).toBeUndefined();
  });
});

describe("CheckpointRepo's rewind notes", () => {
  it("are read once per conversation, a missing one too, and read again after any write to them or a deleted conversation", () => {
    const { conversation } = seedConversation(t.repos);
    const notes = t.repos.checkpoints;
    const statementsOf = (read: () => unknown) => (counter.take(), read(), counter.take().statements);
    expect(notes.rewindNote(conversation.id)).toBeNull();
    expect(statementsOf(() => expect(notes.rewindNote(conversation.id)).toBeNull())).toBe(0);

    notes.setRewindNote(conversation.id, "a.txt changed back", 1_000);
    expect(notes.rewindNote(conversation.id)).toBe("a.txt changed back");
    expect(statementsOf(() => notes.rewindNote(conversation.id))).toBe(0);
    notes.clearRewindNote(conversation.id, "an older note");
    expect(notes.rewindNote(conversation.id)).toBe("a.txt changed back");
    notes.clearRewindNote(conversation.id);
    expect(notes.rewindNote(conversation.id)).toBeNull();

    notes.setRewindNote(conversation.id, "b.txt changed back", 1_000);
    expect(notes.rewindNote(conversation.id)).toBe("b.txt changed back");
    t.repos.conversations.remove(conversation.id);
    expect(notes.rewindNote(conversation.id)).toBeNull();
  });
});

describe("BlobRepo", () => {
  it("round-trips bytes and media type", () => {
    const bytes = crypto.getRandomValues(new Uint8Array(64 * 1024));
    const id = t.repos.blobs.put(bytes, "image/webp");
    expect(id).toMatch(/^blb_/);
    expect(t.repos.blobs.get(id)).toEqual({ id, mediaType: "image/webp", bytes, size: bytes.byteLength, createdAt: 1_000 });
    expect(t.repos.blobs.get(newId("blob"))).toBeNull();
  });
});

describe("SettingsRepo", () => {
  it("reads defaults, stores a patch and ignores unknown stored keys", () => {
    expect(t.repos.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(t.repos.settings.update({ claudeBin: "/usr/local/bin/claude" })).toEqual({ transport: "auto", claudeBin: "/usr/local/bin/claude", jobConcurrency: 1, cliSleepAfterMinutes: 10, defaultConversationMode: "chat", promptSuggestions: false, aiTitles: true, aiSummaries: true });
    expect(t.repos.settings.set("transport", "sdk-url").transport).toBe("sdk-url");
    t.db.run("INSERT INTO settings (key, value, updated_at) VALUES ('retiredKey', '1', 0)");
    expect(t.repos.settings.get()).toEqual({ transport: "sdk-url", claudeBin: "/usr/local/bin/claude", jobConcurrency: 1, cliSleepAfterMinutes: 10, defaultConversationMode: "chat", promptSuggestions: false, aiTitles: true, aiSummaries: true });
  });

  it("refuses an invalid value", () => {
    expect(() => t.repos.settings.update({ transport: "carrier-pigeon" as "auto" })).toThrow();
    expect(t.repos.settings.get()).toEqual(DEFAULT_SETTINGS);
  });
});
