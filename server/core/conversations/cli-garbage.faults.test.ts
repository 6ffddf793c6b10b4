import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ChatmlClient } from "../../../e2e/support/chatml-client.ts";
import { writeReplayCliBin } from "../../claude/fixtures/replay-cli/replay-cli-bin.ts";
import { startTestServer, type TestServer } from "../../test-support/test-server.ts";

/**
 * A CLI that writes broken JSON, binary garbage, lines of unknown types and a 50 MB line, while another
 * conversation streams on the same server: the bad conversation carries on, the log says what was skipped (briefly),
 * and the other conversation loses nothing. Complements conversation-faults.test.ts (fake CLI, 20 MB, dying CLI).
 */
describe.each([
  { version: "2.1.119", transport: "sdk-url" },
  { version: "2.1.330", transport: "stdio" },
])("garbage from the CLI ($transport)", ({ version }) => {
  let server: TestServer;
  let client: ChatmlClient;
  let badId: string;
  let goodId: string;
  const warnings: string[] = [];

  beforeAll(async () => {
    vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(" ")));
    server = await startTestServer({ claudeBin: await writeReplayCliBin(), env: { REPLAY_CLI_VERSION: version } });
    client = new ChatmlClient({ url: server.url, token: server.token });
    badId = (await client.startInFolder(mkdtempSync(join(tmpdir(), "chatml-garbage-")))).id;
    goodId = (await client.startInFolder(mkdtempSync(join(tmpdir(), "chatml-bystander-")))).id;
    await client.connect([badId, goodId]);
  });
  afterAll(async () => {
    client.disconnect();
    await server.cleanup();
    vi.restoreAllMocks();
  });

  const turns = (id: string) => client.list(id).filter((event) => event.type === "turn.completed").length;
  const streamed = (id: string) => (client.deltas.get(id) ?? []).map((delta) => (delta.type === "message.part.delta" ? delta.delta : "")).join("");

  it("skips every bad line, keeps the conversation usable, and logs each skip briefly", async () => {
    await client.send(goodId, "stream 1500 500 32");
    await client.send(badId, "garbage");
    await client.send(badId, "huge 50");
    await client.waitUntil(() => turns(badId) === 2, 60_000, "both turns after the garbage");
    const status = await client.api<{ conversation: { status: string } }>(`/api/conversations/${badId}`);
    expect(status.conversation.status).toBe("ready");
    expect(client.list(badId).some((event) => event.type === "process.exited")).toBe(false);
    const skipped = warnings.filter((line) => line.includes(badId) && line.includes("malformed"));
    expect(skipped.length).toBeGreaterThanOrEqual(4);
    expect(skipped.some((line) => line.includes("invalid JSON"))).toBe(true);
    expect(Math.max(...warnings.map((line) => line.length))).toBeLessThan(2048);
  });

  it("left the conversation streaming beside it complete", async () => {
    await client.waitUntil(() => turns(goodId) === 1, 30_000, "the bystander turn");
    expect(streamed(goodId).split("|").length - 1).toBe(1500);
    expect(client.assistantText(goodId)).toBe(streamed(goodId));
    expect(client.anomalies).toEqual([]);
    const info = await fetch(`${server.url}/api/info`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(info.status).toBe(200);
  });
});
