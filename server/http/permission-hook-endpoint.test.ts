import { connect } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { SessionId, TerminalId } from "../../shared/ids.ts";
import { CliSocketRegistry } from "../claude/cli-socket-registry.ts";
import { ApprovalBroker } from "../core/interactive/approval-broker.ts";
import { listenForCliSockets } from "../ws/cli-socket-listener.ts";
import { PERMISSION_HOOK_PATH, permissionHookEndpoint } from "./permission-hook-endpoint.ts";

const SHORT_WAIT_MS = 300;
const broker = new ApprovalBroker(Date.now, 60_000);
const SECRET = ApprovalBroker.newSecret();
broker.register("trm_hook" as TerminalId, "ses_hook" as SessionId, SECRET);
const hurried = new ApprovalBroker(Date.now, SHORT_WAIT_MS);
const HURRIED_SECRET = ApprovalBroker.newSecret();
hurried.register("trm_hurried" as TerminalId, "ses_hook" as SessionId, HURRIED_SECRET);

const listener = listenForCliSockets(new CliSocketRegistry());
listener.addHttpHandler(permissionHookEndpoint(broker));
const other = listenForCliSockets(new CliSocketRegistry());
other.addHttpHandler(permissionHookEndpoint(hurried));
afterAll(() => {
  listener.stop();
  other.stop();
});

/** Posts a hook's input as Claude Code's HTTP hook does. */
function post(body: unknown, { secret = SECRET, base = listener.httpBase, signal }: { secret?: string; base?: string; signal?: AbortSignal } = {}) {
  return fetch(`${base}${PERMISSION_HOOK_PATH}`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
}

describe("the interactive TUI's permission hook on the loopback listener", () => {
  it("waits for a device's answer and hands it back as the hook's output", async () => {
    const response = post({ hook_event_name: "PermissionRequest", tool_name: "Bash", tool_input: { command: "ls" } });
    await expect.poll(() => broker.list().length).toBe(1);
    const [approval] = broker.list();
    expect(approval).toMatchObject({ toolName: "Bash", input: { command: "ls" } });
    broker.answer(approval!.id, { behavior: "deny", message: "not now" });
    const answered = await response;
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ hookSpecificOutput: { hookEventName: "PermissionRequest", decision: { behavior: "deny", message: "not now" } } });
  });

  it("answers an empty object when nobody answers in time, so the TUI's own prompt decides", async () => {
    const response = await post({ tool_name: "Write" }, { secret: HURRIED_SECRET, base: other.httpBase });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(hurried.list()).toEqual([]);
  });

  it("drops the request when the CLI gives up on its hook (its own prompt was answered)", async () => {
    const controller = new AbortController();
    const response = post({ tool_name: "Edit" }, { signal: controller.signal });
    await expect.poll(() => broker.list().length).toBe(1);
    controller.abort();
    await expect(response).rejects.toThrow();
    await expect.poll(() => broker.list().length).toBe(0);
  });

  it("refuses a wrong secret before its 100 MB body is sent, and drops the connection", async () => {
    const socket = connect(Number(new URL(listener.httpBase).port), "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    const host = new URL(listener.httpBase).host;
    socket.write(`POST ${PERMISSION_HOOK_PATH} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer wrong\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n{"tool_name":`);
    await expect.poll(() => received, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 401 /);
    await closed;
    expect(broker.list()).toEqual([]);
  });

  it("refuses a body over its limit, a GET, and a page's request under another Host name", async () => {
    const huge = await post({ tool_name: "Write", tool_input: { content: "x".repeat(5 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect((await fetch(`${listener.httpBase}${PERMISSION_HOOK_PATH}`)).status).toBe(405);
    const rebound = await fetch(`${listener.httpBase}${PERMISSION_HOOK_PATH}`, { method: "POST", headers: { host: "evil.example", authorization: `Bearer ${SECRET}` }, body: "{}" });
    expect(rebound.status).toBe(403);
    expect(broker.list()).toEqual([]);
  });

  it("answers 404 for another path", async () => {
    expect((await fetch(`${listener.httpBase}/hooks/other`, { method: "POST" })).status).toBe(404);
  });
});
