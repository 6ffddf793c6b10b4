import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatmlClient } from "../../../e2e/support/chatml-client.ts";
import { writeFakeCliBinRunningAtLaunch } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { startTestServer, type TestServer } from "../../test-support/test-server.ts";

/** A session's chosen workspace environment set reaches the CLI processes of its conversations. */
describe("workspace environment sets", () => {
  let server: TestServer;
  let client: ChatmlClient;
  const seen = join(mkdtempSync(join(tmpdir(), "chatml-env-")), "seen.txt");

  beforeAll(async () => {
    // The variable as a conversation's CLI process sees it.
    const claudeBin = await writeFakeCliBinRunningAtLaunch(`printf '%s' "$CHATML_TEST_SECRET" > "${seen}"`);
    server = await startTestServer({ claudeBin, env: { FAKE_CLI_VERSION: "2.1.330" } });
    client = new ChatmlClient({ url: server.url, token: server.token });
  });
  afterAll(async () => {
    client.disconnect();
    await server.cleanup();
  });

  it("passes the session's env set to the CLI", async () => {
    const repo = await makeTempRepo();
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    await client.api(`/api/workspaces/${workspace.id}`, { method: "PATCH", body: { envSets: { staging: { CHATML_TEST_SECRET: "from-the-env-set" } } } });
    const { conversation } = await client.api<{ conversation: { id: string } }>("/api/sessions", {
      body: { workspaceId: workspace.id, kind: "folder", envSet: "staging" },
    });
    await client.connect([conversation.id]);
    await client.send(conversation.id, "hello");
    await client.waitForEvent(conversation.id, "turn.completed");
    expect(existsSync(seen)).toBe(true);
    expect(readFileSync(seen, "utf8")).toBe("from-the-env-set");
  });
});
