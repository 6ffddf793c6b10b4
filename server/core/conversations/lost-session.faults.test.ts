import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatmlClient } from "../../../e2e/support/chatml-client.ts";
import { FAKE_CLI_SCRIPT, writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { startTestServer, type TestServer } from "../../test-support/test-server.ts";
import { LOST_SESSION_NOTICE } from "./lost-session.ts";

/**
 * A CLI killed before it wrote its transcript cannot `--resume`: it prints "No conversation found" and exits. The
 * message the user sent must still be answered, by a fresh CLI that gets the earlier conversation from ChatML's
 * history; on sdk-url the CLI dies before it connects, on stdio after the message was written to it.
 */
describe.each([
  { version: "2.1.119", transport: "sdk-url" },
  { version: "2.1.330", transport: "stdio" },
])("a resumed CLI that lost its session ($transport)", ({ version }) => {
  let server: TestServer;
  let client: ChatmlClient;
  let conversationId: string;

  beforeAll(async () => {
    const claudeBin = await writeFakeCliBin(undefined, `FAKE_CLI_LOST_SESSIONS=1 exec "${process.execPath}" "${FAKE_CLI_SCRIPT}" "$@"`);
    server = await startTestServer({ claudeBin, env: { FAKE_CLI_VERSION: version } });
    client = new ChatmlClient({ url: server.url, token: server.token });
    const conversation = await client.startInFolder(mkdtempSync(join(tmpdir(), "chatml-lost-session-")));
    conversationId = conversation.id;
    await client.connect([conversationId]);
  });
  afterAll(async () => {
    client.disconnect();
    await server.cleanup();
  });

  const events = () => client.list(conversationId);
  const turns = () => events().filter((event) => event.type === "turn.completed");
  const say = async (text: string) => {
    const before = turns().length;
    await client.send(conversationId, text);
    await client.waitUntil(() => turns().length === before + 1, 15_000, `the turn for "${text}"`);
    return turns().at(-1);
  };

  it("answers the message with a fresh CLI that is given the earlier conversation, and says so", async () => {
    await say("hello");
    await client.api(`/api/conversations/${conversationId}/stop`, { body: { commandId: crypto.randomUUID() } });
    await client.waitForEvent(conversationId, "conversation.status.changed", (event) => event.status === "idle");

    const answered = await say("hello");
    expect(answered).toMatchObject({ isError: false });
    expect(client.assistantText(conversationId)).toContain("hi; I was told: <earlier-conversation>");
    expect(client.assistantText(conversationId)).toMatch(/User:\nhello\n\nAssistant:\nhi\n<\/earlier-conversation>/);
    const notices = events().filter((event) => event.type === "notice" && event.text === LOST_SESSION_NOTICE);
    expect(notices).toHaveLength(1);
    // The lost session is not a failed turn nor a crash, and the user's message is stored once.
    expect(turns().filter((turn) => turn.isError)).toEqual([]);
    expect(events().filter((event) => event.type === "process.exited" && !event.isExpected)).toEqual([]);
    const userMessages = events().filter((event) => event.type === "message.created" && event.message.role === "user");
    expect(userMessages).toHaveLength(2);
    expect(client.anomalies).toEqual([]);
  });

  it("sends the recap only once: the next message goes to the same CLI as it is", async () => {
    const textBefore = client.assistantText(conversationId);
    await say("hello");
    expect(client.assistantText(conversationId).slice(textBefore.length).trim()).toBe("hi");
  });
});
