import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatmlClient } from "../../../e2e/support/chatml-client.ts";
import { writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { startTestServer, type TestServer } from "../../test-support/test-server.ts";

/**
 * A misbehaving CLI must never take the server down: malformed lines, a 20 MB line, unknown types, and a CLI that
 * dies mid-turn leave the conversation in a clear state the user can resume. The fake CLI (fixtures/fake-cli) takes
 * commands as message text. Both transports: 2.1.119 is launched over --sdk-url, 2.1.330 over stdio.
 */
describe.each([
  { version: "2.1.119", transport: "sdk-url" },
  { version: "2.1.330", transport: "stdio" },
])("a misbehaving CLI ($transport)", ({ version, transport }) => {
  let server: TestServer;
  let client: ChatmlClient;
  let conversationId: string;

  beforeAll(async () => {
    const claudeBin = await writeFakeCliBin();
    server = await startTestServer({ claudeBin, env: { FAKE_CLI_VERSION: version } });
    client = new ChatmlClient({ url: server.url, token: server.token });
    const conversation = await client.startInFolder(mkdtempSync(join(tmpdir(), "chatml-faults-")));
    conversationId = conversation.id;
    await client.connect([conversationId]);
  });
  afterAll(async () => {
    client.disconnect();
    await server.cleanup();
  });

  const completedTurns = () => client.list(conversationId).filter((event) => event.type === "turn.completed").length;
  const sayHello = async () => {
    const before = completedTurns();
    await client.send(conversationId, "hello");
    await client.waitUntil(() => completedTurns() === before + 1, 15_000, "a completed turn");
  };

  it("runs a normal turn over the expected transport", async () => {
    await sayHello();
    const session = await client.waitForEvent(conversationId, "cli.session.updated");
    expect(session).toMatchObject({ cliSessionId: "fake-session", transport });
  });

  it("skips malformed lines and binary garbage and keeps going", async () => {
    await client.send(conversationId, "malformed");
    await sayHello();
    expect((await client.api<{ conversation: { status: string } }>(`/api/conversations/${conversationId}`)).conversation.status).toBe("ready");
  });

  it("survives a 20 MB line of an unknown type, and says once that it skipped that type", async () => {
    await client.send(conversationId, "huge 20");
    await sayHello();
    const skipped = client.list(conversationId).filter((event) => event.type === "notice" && event.text.includes("does not understand yet (huge)"));
    expect(skipped).toHaveLength(1);
  });

  it("shows a CLI that dies mid-turn as exited with the reason, and resumes on the next message", async () => {
    await client.send(conversationId, "die 3");
    const exited = await client.waitForEvent(conversationId, "process.exited", (event) => !event.isExpected);
    expect(exited.code).toBe(3);
    expect(exited.reason).toContain("code 3");
    expect(exited.stderrTail).toContain("fake-cli: dying with 3");
    const status = await client.waitForEvent(conversationId, "conversation.status.changed", (event) => event.status === "exited");
    expect(status.reason).toContain("code 3");
    await sayHello();
    // The status last said is ready; other events (the CLI's capabilities, answered by its own clock) may follow it.
    await client.waitUntil(() => {
      const lastStatus = client.list(conversationId).findLast((event) => event.type === "conversation.status.changed");
      return lastStatus?.type === "conversation.status.changed" && lastStatus.status === "ready";
    }, 5_000, "the conversation to be ready again");
    expect(client.anomalies).toEqual([]);
  });
});
