import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliSocketRegistry } from "./cli-socket-registry.ts";
import type { HostMessage } from "./contracts.ts";
import { writeFakeCliBin } from "./fixtures/fake-cli/fake-cli-bin.ts";
import { startCliSocketServer, type CliSocketServer } from "./fixtures/fake-cli/cli-socket-server.ts";
import { RecordingListener } from "./fixtures/fake-cli/recording-listener.ts";
import { cliSocketUrl, spawnSdkUrlCli } from "./sdk-url-transport.ts";

let binPath = "";
let endpoint: CliSocketServer;
const registry = new CliSocketRegistry();

beforeAll(async () => {
  binPath = await writeFakeCliBin();
  endpoint = startCliSocketServer(registry);
});
afterAll(() => endpoint.server.stop(true));

const user = (content: string): HostMessage => ({
  type: "user",
  message: { role: "user", content },
  parent_tool_use_id: null,
  session_id: "",
});
const initialize: HostMessage = { type: "control_request", request_id: "r1", request: { subtype: "initialize" } };

function launch() {
  const listener = new RecordingListener();
  const options = { binPath, transport: "sdk-url", cwd: tmpdir(), env: {}, resumeSessionId: null, model: null, permissionMode: null } as const;
  const cli = spawnSdkUrlCli(options, listener, { registry, baseUrl: `${endpoint.baseUrl}/` });
  return { cli, listener };
}

describe("sdk-url transport", () => {
  it("connects back, answers initialize, runs a turn, and exits 0 on close()", async () => {
    const { cli, listener } = launch();
    expect(cli.transport).toBe("sdk-url");
    expect(cli.send(initialize)).toBe(true); // queued until the CLI attaches
    expect(await cli.connected).toBe(true);
    await listener.waitFor((l) => l.ofType("control_response").length === 1);
    cli.send(user("hello"));
    // Frames read in one turn of the event loop are one batch, and every line's batch ends.
    await listener.waitFor((l) => l.ofType("result").length === 1 && l.messagesAtLastBatchEnd === l.messages.length);
    expect(listener.batchEnds).toBeGreaterThanOrEqual(2);
    cli.close();
    expect(await cli.exited).toMatchObject({ code: 0, signal: null });
    expect(listener.exits).toHaveLength(1);
    expect(cli.send(user("hello"))).toBe(false);
  });

  it("delivers sends queued while the socket was dropped after the CLI reconnects", async () => {
    const { cli, listener } = launch();
    expect(await cli.connected).toBe(true);
    cli.send(user("echo before"));
    await listener.waitFor((l) => l.ofType("echo").length === 1);
    expect(listener.reattachedAt).toEqual([]);
    for (const socket of endpoint.sockets) if (socket.data.key === cli.key) socket.terminate();
    await listener.waitFor(() => !cli.isAttached);
    expect(cli.send(user("echo while-away"))).toBe(true);
    await listener.waitFor((l) => l.ofType("echo").length === 3);
    // The reconnect is told before the CLI's replay of what it sent on the first socket.
    expect(listener.reattachedAt).toEqual([1]);
    expect(listener.messages[1]?.["uuid"]).toBe(listener.messages[0]?.["uuid"]);
    expect(listener.ofType("echo").map((m) => m["text"])).toEqual(["before", "before", "while-away"]);
    cli.kill();
    await cli.exited;
  });

  it("passes a 20 MB line and reports malformed frames", async () => {
    const { cli, listener } = launch();
    cli.send(user("huge 20"));
    cli.send(user("malformed"));
    await listener.waitFor((l) => l.ofType("after_malformed").length === 1);
    expect((listener.ofType("huge")[0]?.payload as string).length).toBe(20 * 1024 * 1024);
    expect(listener.malformed).toHaveLength(3);
    cli.close();
    await cli.exited;
  });

  it("reports the signal after kill() and releases the key", async () => {
    const { cli, listener } = launch();
    expect(await cli.connected).toBe(true);
    cli.kill("SIGKILL");
    const info = await cli.exited;
    expect(info).toMatchObject({ code: null, signal: "SIGKILL" });
    expect(listener.exits).toEqual([info]);
    expect(registry.isAttached(cli.key)).toBe(false);
    expect(registry.send(cli.key, "x\n")).toBe(false);
  });

  it("refuses a CLI with the wrong secret or an unknown key", async () => {
    const events: string[] = [];
    registry.expect("guarded", { onAttach: () => events.push("attach"), onFrame() {}, onDetach() {} });
    const refusalsBefore = endpoint.refusals;
    const dial = (key: string, token: string) =>
      Bun.spawn([binPath, "--sdk-url", cliSocketUrl(endpoint.baseUrl, key), "-p", "x"], {
        env: { ...process.env, CLAUDE_CODE_SESSION_ACCESS_TOKEN: token },
        stdin: "pipe",
      });
    const impostors = [dial("guarded", "wrong-secret"), dial("no-such-key", "x")];
    const listener = new RecordingListener();
    await listener.waitFor(() => endpoint.refusals - refusalsBefore >= 4); // both refused, and again on retry
    expect(events).toEqual([]);
    expect(registry.isAttached("guarded")).toBe(false);
    for (const impostor of impostors) impostor.kill();
    await Promise.all(impostors.map((impostor) => impostor.exited));
    registry.release("guarded");
  });
});
