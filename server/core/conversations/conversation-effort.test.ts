import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatmlClient } from "../../../e2e/support/chatml-client.ts";
import { writeFakeCliBinRunningAtLaunch } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";
import { until } from "../../test-support/until.ts";

/**
 * A conversation's effort level: kept with the conversation, passed as `--effort` to each CLI it launches, and told to a
 * running CLI at once (the live path, `apply_flag_settings`, runs against the real CLIs in e2e/controls).
 */
describe("a conversation's effort level", () => {
  let server: TestServer;
  let client: ChatmlClient;
  const launches = join(mkdtempSync(join(tmpdir(), "chatml-effort-")), "launches.txt");

  beforeAll(async () => {
    // Each conversation CLI launch leaves its argv on a line of its own.
    const claudeBin = await writeFakeCliBinRunningAtLaunch(`printf '%s\\n' "$*" >> "${launches}"`);
    server = await startTestServer({ claudeBin, env: { FAKE_CLI_VERSION: "2.1.330" } });
    client = new ChatmlClient({ url: server.url, token: server.token });
  });
  afterAll(async () => {
    client.disconnect();
    await server.cleanup();
  });

  const launchedArgs = () => readFileSync(launches, "utf8").trim().split("\n").filter(Boolean);
  const effortOf = async (id: string) => (await client.api<{ conversation: { effort: string | null } }>(`/api/conversations/${id}`)).conversation.effort;
  const setEffort = (id: string, effort: string | null) => client.api(`/api/conversations/${id}/effort`, { body: { commandId: client.commandId(), effort } });

  it("starts at the CLI's default, is kept when chosen, launches the next CLI with it, and goes back to the default", async () => {
    const repo = await makeTempRepo();
    const { conversation } = await client.api<{ conversation: { id: string } }>("/api/start", { body: { path: repo } });
    const id = conversation.id;
    await client.connect([id]);
    expect(await effortOf(id)).toBeNull();

    await setEffort(id, "high");
    expect(await effortOf(id)).toBe("high");
    await client.send(id, "hello");
    await client.waitForEvent(id, "turn.completed");
    expect(launchedArgs().at(-1)).toMatch(/ --effort high( |$)/);

    // While the CLI runs the change is told to it and kept; the process is not restarted for it.
    const launchesBefore = launchedArgs().length;
    await setEffort(id, "max");
    expect(await effortOf(id)).toBe("max");
    expect(launchedArgs()).toHaveLength(launchesBefore);

    // The next process (after End process) starts with the level last chosen.
    await client.api(`/api/conversations/${id}/stop`, { body: { commandId: client.commandId() } });
    await until(async () => (await client.api<{ conversation: { status: string } }>(`/api/conversations/${id}`)).conversation.status === "idle", "the CLI to end");
    await client.send(id, "hello");
    await until(() => launchedArgs().length > launchesBefore, "a second launch");
    expect(launchedArgs().at(-1)).toMatch(/ --effort max( |$)/);

    await setEffort(id, null);
    expect(await effortOf(id)).toBeNull();
  });

  it("refuses a level the CLI does not know, with a clear error, and keeps the one chosen", async () => {
    const repo = await makeTempRepo();
    const { conversation } = await client.api<{ conversation: { id: string } }>("/api/start", { body: { path: repo } });
    await setEffort(conversation.id, "low");
    const response = await api(server, `/api/conversations/${conversation.id}/effort`, { method: "POST", body: JSON.stringify({ commandId: client.commandId(), effort: "extreme" }) });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/effort/);
    expect(await effortOf(conversation.id)).toBe("low");
  });
});
