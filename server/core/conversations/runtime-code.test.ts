import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CliSocketRegistry } from "../../claude/cli-socket-registry.ts";
import { writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import { DiscoveringCliLauncher } from "./cli-launcher.ts";
import { ConversationService } from "./conversation-service.ts";

/*
 * A runtime's code is read at the first command, not at start (ADR 0189). Vitest gives each test file its own module
 * graph, so the commands here are the first of this file's: they wait for the code, then run in the order they came.
 */
let temp: TempDb | null = null;
let service: ConversationService | null = null;
let folder: string | null = null;
afterEach(async () => {
  await service?.stopAll();
  temp?.cleanup();
  if (folder) rmSync(folder, { recursive: true, force: true });
  [temp, service, folder] = [null, null, null];
});

describe("a conversation's runtime code, read at the first command", () => {
  it("messages sent at once before it is read are each taken once, in the order they came", async () => {
    temp = openTempDb();
    folder = mkdtempSync(join(tmpdir(), "chatml-runtime-code-"));
    const { conversation } = seedConversation(temp.repos, folder);
    const launcher = new DiscoveringCliLauncher({
      explicitBin: await writeFakeCliBin(),
      settings: () => ({ transport: "stdio", claudeBin: null, jobConcurrency: 1, cliSleepAfterMinutes: 0, defaultConversationMode: "chat", promptSuggestions: false }),
      env: { ...process.env, FAKE_CLI_VERSION: "2.1.330" },
      registry: new CliSocketRegistry(),
    });
    service = new ConversationService({ repos: temp.repos, bus: new EventBus(), launcher, now: Date.now, sleepAfterMs: () => 0 });
    const texts = ["first", "second", "third"];
    const sent = await Promise.all(texts.map((text, i) => service!.sendMessage(conversation.id, { commandId: `cmd-${i}`, text, images: [] })));
    expect(new Set(sent.map((s) => s.messageId)).size).toBe(3);
    const userTexts = () =>
      temp!.repos.messages
        .list(conversation.id)
        .filter((message) => message.role === "user")
        .map((message) => message.parts.map((part) => ("text" in part ? part.text : "")).join(""));
    expect(userTexts()).toEqual(texts);
    // The same command again is answered from the log, not run twice.
    expect(await service.sendMessage(conversation.id, { commandId: "cmd-0", text: "first", images: [] })).toEqual(sent[0]);
    expect(userTexts()).toEqual(texts);
  });
});
