import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliSocketRegistry } from "./cli-socket-registry.ts";
import type { HostMessage, LaunchOptions } from "./contracts.ts";
import { writeFakeCliBin } from "./fixtures/fake-cli/fake-cli-bin.ts";
import { startCliSocketServer, type CliSocketServer } from "./fixtures/fake-cli/cli-socket-server.ts";
import { RecordingListener } from "./fixtures/fake-cli/recording-listener.ts";
import { CliLaunchError, launchCli, sdkUrlRefusal } from "./launch.ts";

let binPath = "";
let endpoint: CliSocketServer;
const registry = new CliSocketRegistry();

beforeAll(async () => {
  binPath = await writeFakeCliBin();
  endpoint = startCliSocketServer(registry);
});
afterAll(() => endpoint.server.stop(true));

const hello: HostMessage = { type: "user", message: { role: "user", content: "hello" }, parent_tool_use_id: null, session_id: "" };
const base = (overrides: Partial<LaunchOptions> = {}): LaunchOptions => ({
  binPath,
  transport: "sdk-url",
  cwd: tmpdir(),
  env: {},
  resumeSessionId: null,
  model: null,
  permissionMode: null,
  ...overrides,
});

describe("launchCli", () => {
  it("launches stdio directly", async () => {
    const listener = new RecordingListener();
    const cli = await launchCli(base({ transport: "stdio" }), listener);
    expect(cli.transport).toBe("stdio");
    expect(cli.fellBackFrom).toBeUndefined();
    cli.send(hello);
    await listener.waitFor((l) => l.ofType("result").length === 1);
    cli.close();
    await cli.exited;
  });

  it("resolves an sdk-url launch once the CLI has connected", async () => {
    const listener = new RecordingListener();
    const cli = await launchCli({ ...base(), sdkUrl: { registry, baseUrl: endpoint.baseUrl } }, listener);
    expect(cli.transport).toBe("sdk-url");
    expect(cli.fellBackFrom).toBeUndefined();
    expect(registry.isAttached((cli as unknown as { key: string }).key)).toBe(true);
    cli.send(hello);
    await listener.waitFor((l) => l.ofType("result").length === 1);
    cli.close();
    expect((await cli.exited).code).toBe(0);
    expect(listener.exits).toHaveLength(1);
  });

  it("falls back to stdio when the CLI rejects --sdk-url, hiding the refused attempt", async () => {
    const listener = new RecordingListener();
    const options = { ...base({ env: { FAKE_CLI_REJECT_SDK_URL: "1" } }), sdkUrl: { registry, baseUrl: endpoint.baseUrl } };
    const cli = await launchCli(options, listener);
    expect(cli.transport).toBe("stdio");
    expect(cli.fellBackFrom).toBe("sdk-url");
    expect(cli.fallbackReason).toMatch(/^Error: --sdk-url rejected: host "127.0.0.1"/);
    cli.send(hello);
    await listener.waitFor((l) => l.ofType("result").length === 1);
    expect(listener.exits).toEqual([]);
    cli.close();
    await cli.exited;
    expect(listener.exits).toHaveLength(1);
  });

  it("does not fall back when the CLI dies for another reason; the exit is reported before launch resolves", async () => {
    const dying = await writeFakeCliBin(undefined, "echo 'Error: no credentials' >&2; exit 5");
    const listener = new RecordingListener();
    const cli = await launchCli({ ...base({ binPath: dying }), sdkUrl: { registry, baseUrl: endpoint.baseUrl } }, listener);
    expect(cli.transport).toBe("sdk-url");
    expect(cli.fellBackFrom).toBeUndefined();
    // Already told, so the caller never takes the dead process for a live one.
    expect(listener.exits).toHaveLength(1);
    expect(listener.exits[0]).toMatchObject({ code: 5, stderrTail: "Error: no credentials\n" });
    expect(cli.send(hello)).toBe(false);
  });

  it("returns a not-yet-connected sdk-url process after the connect timeout", async () => {
    const silent = await writeFakeCliBin(undefined, "exec sleep 30");
    const listener = new RecordingListener();
    const options = { ...base({ binPath: silent }), sdkUrl: { registry, baseUrl: endpoint.baseUrl }, connectTimeoutMs: 200 };
    const cli = await launchCli(options, listener);
    expect(cli.transport).toBe("sdk-url");
    expect(cli.send(hello)).toBe(true); // queued for when it connects
    cli.kill();
    expect((await cli.exited).signal).toBe("SIGTERM");
  });

  it("stops waiting for an sdk-url CLI to connect as soon as the launch is aborted (a stop asked while it starts)", async () => {
    const silent = await writeFakeCliBin(undefined, "exec sleep 30");
    const stopAsked = new AbortController();
    const options = { ...base({ binPath: silent }), sdkUrl: { registry, baseUrl: endpoint.baseUrl }, connectTimeoutMs: 60_000, signal: stopAsked.signal };
    let hasReturned = false;
    const launched = launchCli(options, new RecordingListener()).then((cli) => ((hasReturned = true), cli));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hasReturned).toBe(false); // still waiting for the connection
    stopAsked.abort();
    // Without the abort this waits the full minute and the test times out; with it the handle comes back to be stopped.
    const cli = await launched;
    cli.kill();
    expect((await cli.exited).signal).toBe("SIGTERM");
  });

  it("rejects with CliLaunchError when the binary cannot start or sdk-url has no target", async () => {
    const listener = new RecordingListener();
    await expect(launchCli(base({ transport: "stdio", binPath: "/nope/claude" }), listener)).rejects.toBeInstanceOf(CliLaunchError);
    await expect(launchCli(base({ binPath: "/nope/claude" }), listener)).rejects.toThrow(/registry/);
    const missing = launchCli({ ...base({ binPath: "/nope/claude" }), sdkUrl: { registry, baseUrl: endpoint.baseUrl } }, listener);
    await expect(missing).rejects.toMatchObject({ code: "cli_launch_failed" });
  });
});

describe("sdkUrlRefusal", () => {
  it("recognises the 2.1.121+ rejection and an unknown option", () => {
    expect(sdkUrlRefusal('warn\nError: --sdk-url rejected: host "x" is not approved\n')).toBe('Error: --sdk-url rejected: host "x" is not approved');
    expect(sdkUrlRefusal("error: unknown option '--sdk-url'")).toBe("error: unknown option '--sdk-url'");
    expect(sdkUrlRefusal("Error: Invalid API key")).toBeNull();
  });
});
