import { afterEach, describe, expect, it } from "vitest";
import { fakeCliConversationService } from "./conversation-test-kit.ts";

/*
 * A runtime's code is read at the first command, not at start (ADR 0189). Vitest gives each test file its own module
 * graph, so the commands here are the first of this file's: they wait for the code, then run in the order they came.
 */
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe("a conversation's runtime code, read at the first command", () => {
  it("messages sent at once before it is read are each taken once, in the order they came", async () => {
    const { service, conversation, repos, cleanup: stop } = await fakeCliConversationService({ folderPrefix: "chatml-runtime-code-" });
    cleanup = stop;
    const texts = ["first", "second", "third"];
    const sent = await Promise.all(texts.map((text, i) => service.sendMessage(conversation.id, { commandId: `cmd-${i}`, text, images: [] })));
    expect(new Set(sent.map((s) => s.messageId)).size).toBe(3);
    const userTexts = () =>
      repos.messages
        .list(conversation.id)
        .filter((message) => message.role === "user")
        .map((message) => message.parts.map((part) => ("text" in part ? part.text : "")).join(""));
    expect(userTexts()).toEqual(texts);
    // The same command again is answered from the log, not run twice.
    expect(await service.sendMessage(conversation.id, { commandId: "cmd-0", text: "first", images: [] })).toEqual(sent[0]);
    expect(userTexts()).toEqual(texts);
  });
});
