import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ChatmlClient } from "../../../e2e/support/chatml-client.ts";
import { FAKE_CLI_SCRIPT, writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { startTestServer, type TestServer } from "../../test-support/test-server.ts";

/**
 * Who stopped Claude, as the runtime tells the translator (ADR 0187): a card the CLI withdraws after the user's Stop
 * says the user stopped it; after an interrupt the CLI refused, the withdrawal is the CLI's own, even when its refusal
 * and the withdrawal arrive in one read. The fake CLI answers interrupts as FAKE_CLI_INTERRUPT says. Both transports.
 */
describe.each([
  { version: "2.1.119", transport: "sdk-url" },
  { version: "2.1.330", transport: "stdio" },
])("an interrupt while a permission waits ($transport)", ({ version }) => {
  let server: TestServer | undefined;
  let client: ChatmlClient | undefined;
  afterEach(async () => {
    client?.disconnect();
    await server?.cleanup();
  });

  /** A conversation whose Bash call waits for permission, under a CLI that answers interrupts as `answer` says. */
  async function askingConversation(answer: "accept" | "refuse") {
    const claudeBin = await writeFakeCliBin(undefined, `FAKE_CLI_INTERRUPT=${answer} exec "${process.execPath}" "${FAKE_CLI_SCRIPT}" "$@"`);
    server = await startTestServer({ claudeBin, env: { FAKE_CLI_VERSION: version } });
    client = new ChatmlClient({ url: server.url, token: server.token });
    const { id } = await client.startInFolder(mkdtempSync(join(tmpdir(), "chatml-interrupt-")));
    await client.connect([id]);
    await client.send(id, "ask ls");
    const { request } = await client.waitForEvent(id, "permission.requested", () => true, 15_000);
    return { conversationId: id, client, requestId: request.id };
  }

  it("says the user stopped Claude on the card the interrupt withdrew", async () => {
    const { conversationId, client, requestId } = await askingConversation("accept");
    await client.interrupt(conversationId);
    const withdrawn = await client.waitForEvent(conversationId, "permission.resolved", (event) => event.requestId === requestId, 10_000);
    expect(withdrawn).toMatchObject({ outcome: "cancelled", message: "You stopped Claude." });
  });

  it("says the CLI withdrew the card when it refused the interrupt, and the Stop says it was refused", async () => {
    const { conversationId, client, requestId } = await askingConversation("refuse");
    await expect(client.interrupt(conversationId)).rejects.toThrow(/refused interrupt: Nothing to interrupt right now/);
    const withdrawn = await client.waitForEvent(conversationId, "permission.resolved", (event) => event.requestId === requestId, 10_000);
    expect(withdrawn).toMatchObject({ outcome: "cancelled", message: "The CLI withdrew the request." });
  });
});
