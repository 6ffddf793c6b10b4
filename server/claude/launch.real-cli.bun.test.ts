/** The real Claude Code CLI (pinned builds in ~/.cache/chatml/cli), offline: only control requests, no API calls. */
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliSocketRegistry } from "./cli-socket-registry.ts";
import type { HostMessage, LaunchOptions } from "./contracts.ts";
import { startCliSocketServer, type CliSocketServer } from "./fixtures/fake-cli/cli-socket-server.ts";
import { RecordingListener } from "./fixtures/fake-cli/recording-listener.ts";
import { launchCli } from "./launch.ts";

const cliPath = (version: string) => join(homedir(), `.cache/chatml/cli/${version}/node_modules/.bin/claude`);
const OLD = cliPath("2.1.119");
const NEW = cliPath("2.1.330");
const registry = new CliSocketRegistry();
let endpoint: CliSocketServer;
let offlineEnv: Record<string, string> = {};

beforeAll(async () => {
  endpoint = startCliSocketServer(registry);
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response(null, { status: 503 }) });
  const unusedPort = probe.port;
  await probe.stop(true);
  offlineEnv = {
    HOME: await mkdtemp(join(tmpdir(), "chatml-cli-home-")),
    ANTHROPIC_BASE_URL: `http://127.0.0.1:${unusedPort}`,
    ANTHROPIC_API_KEY: "sk-test",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_AUTOUPDATER: "1",
  };
});
afterAll(() => endpoint.server.stop(true));

const initialize: HostMessage = { type: "control_request", request_id: "init-1", request: { subtype: "initialize" } };

async function launchAndInitialize(binPath: string, transport: LaunchOptions["transport"] = "sdk-url") {
  const listener = new RecordingListener();
  const options: LaunchOptions = { binPath, transport, cwd: offlineEnv.HOME ?? tmpdir(), env: offlineEnv, resumeSessionId: null, model: null, permissionMode: null };
  const cli = await launchCli({ ...options, sdkUrl: { registry, baseUrl: endpoint.baseUrl } }, listener);
  expect(cli.send(initialize)).toBe(true);
  await listener.waitFor((l) => l.ofType("control_response").length === 1, 15_000);
  const response = listener.ofType("control_response")[0]?.response as { subtype: string; request_id: string };
  expect(response).toMatchObject({ subtype: "success", request_id: "init-1" });
  return { cli, listener };
}

describe("real CLI", () => {
  it.skipIf(!existsSync(OLD))("2.1.119 connects over --sdk-url and answers initialize on the socket", async () => {
    const { cli, listener } = await launchAndInitialize(OLD);
    expect(cli.transport).toBe("sdk-url");
    expect(cli.fellBackFrom).toBeUndefined();
    cli.close(); // 4001: the CLI must not reconnect, and exits
    expect(await cli.exited).toMatchObject({ code: 0, signal: null });
    expect(listener.exits).toHaveLength(1);
  });

  it.skipIf(!existsSync(OLD))("2.1.119 answers initialize over stdio when stdio is forced", async () => {
    const { cli } = await launchAndInitialize(OLD, "stdio");
    expect(cli.transport).toBe("stdio");
    cli.close();
    expect(await cli.exited).toMatchObject({ code: 0, signal: null });
  });

  it.skipIf(!existsSync(NEW))("2.1.330 rejects --sdk-url to a local host and launch falls back to stdio", async () => {
    const { cli, listener } = await launchAndInitialize(NEW);
    expect(cli.transport).toBe("stdio");
    expect(cli.fellBackFrom).toBe("sdk-url");
    expect(cli.fallbackReason).toMatch(/--sdk-url rejected: host "127\.0\.0\.1" is not an approved Anthropic endpoint/);
    expect(listener.exits).toEqual([]);
    cli.close(); // stdin EOF with no turn running: exits 0
    expect(await cli.exited).toMatchObject({ code: 0, signal: null });
  });
});
