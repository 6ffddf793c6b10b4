import { join } from "node:path";
import { rmSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { McpOverview } from "../shared/index.ts";
import { makeTempRepo } from "../server/git/test-support.ts";
import { cliBinPath, cliEnv, REPO_ROOT, startChatml, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

const DOCS_SERVER = join(REPO_ROOT, "e2e", "support", "stdio-mcp-server.ts");
const SLOW_SERVER = join(REPO_ROOT, "e2e", "support", "slow-stdio-mcp-server.ts");

/** After a relaunch, every device's MCP list is the new process's, without waiting for a message. */
describe.each(["2.1.119", "2.1.332"])("the MCP list across a relaunch on the real CLI %s", (version) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let client: ChatmlClient;

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    server = await startChatml({ dataDir: tempDir("chatml-mcpr-data"), claudeBin: cliBinPath(version), env: cliEnv({ apiUrl: api.url, home: tempDir("chatml-mcpr-home") }) });
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
    await api?.stop();
  });

  it("marks the list as the ended process's, then shows what the relaunched one says", async () => {
    const repo = await makeTempRepo("chatml-mcpr-repo-");
    // "slow" starts at once for the first process, and is held for the relaunched one until the test has seen it
    // pending (a fixed three seconds before; the first process waited them out too).
    const hold = join(tempDir("chatml-mcpr-hold"), "hold");
    const slow = { command: process.execPath, args: [SLOW_SERVER], env: { SLOW_MCP_HOLD: hold } };
    writeFileSync(join(repo, ".mcp.json"), JSON.stringify({ mcpServers: { proj: { command: process.execPath, args: [DOCS_SERVER] }, slow } }));
    const conversation = await client.startInFolder(repo);
    await client.connect([conversation.id]);
    await client.turnAllowingAll(conversation.id, "Hello");
    const overviews = () =>
      client.frames.flatMap((frame) => (frame.type === "entity" && frame.change.kind === "mcp" && frame.change.overview.conversationId === conversation.id ? [frame.change.overview as McpOverview] : []));
    const before = overviews().length;
    // 2.1.119 connects its socket only once its MCP servers have: held, its relaunch would wait for a release that
    // waits for it. Only a stdio CLI is ready with a server still pending.
    const isStdio = version !== "2.1.119";
    if (isStdio) writeFileSync(hold, "");

    await client.api(`/api/conversations/${conversation.id}/relaunch`, { body: { commandId: client.commandId() } });
    await client.waitUntil(() => overviews().slice(before).some((overview) => overview.isLive), 60_000, "the relaunched CLI's MCP servers");
    const after = overviews().slice(before);
    const ended = after.find((overview) => !overview.isLive);
    expect(ended?.note).toMatch(/^From the Claude Code process that ended/);
    const live = after.find((overview) => overview.isLive);
    expect(live?.servers.map((s) => s.name)).toEqual(expect.arrayContaining(["chatml"]));
    expect(live?.note).toBeNull();
    // A stdio CLI is ready before its servers connect: the list goes on past "pending" without a message being sent.
    if (isStdio) {
      const isSlowPending = (overview: McpOverview) => overview.isLive && overview.servers.some((s) => s.name === "slow" && s.status === "pending");
      await client.waitUntil(() => overviews().slice(before).some(isSlowPending), 60_000, "the relaunched CLI's list with slow still pending");
      rmSync(hold);
    }
    const isSettled = (overview: McpOverview) => overview.isLive && overview.servers.length > 0 && overview.servers.every((s) => s.status !== "pending");
    await client.waitUntil(() => overviews().slice(before).some(isSettled), 60_000, "the relaunched CLI's servers past pending");
    const settled = overviews().slice(before).find(isSettled);
    expect(settled?.servers.map((s) => s.name)).toEqual(expect.arrayContaining(["proj", "slow"]));
  });
});
