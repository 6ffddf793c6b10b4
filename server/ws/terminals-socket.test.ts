import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerFrame } from "../../shared/protocol/frames.ts";
import type { TerminalInfo } from "../../shared/protocol/terminals.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { api, startTestServer, type TestServer } from "../test-support/test-server.ts";
import { until } from "../test-support/until.ts";

/** Terminals through the real server: REST to open them, `/ws` frames to type and watch, a reconnect in between. */
let server: TestServer;
let folder = "";
let sessionId = "";

beforeAll(async () => {
  server = await startTestServer();
  folder = realpathSync(mkdtempSync(join(tmpdir(), "chatml-term-ws-")));
  const started = (await (await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: folder }) })).json()) as { session: { id: string } };
  sessionId = started.session.id;
});
afterAll(async () => {
  await server.cleanup();
  rmSync(folder, { recursive: true, force: true });
});

async function openSocket(): Promise<{ ws: WebSocket; frames: ServerFrame[] }> {
  const ws = new WebSocket(`${server.url.replace(/^http/, "ws")}/ws`, { headers: { authorization: `Bearer ${server.token}` } } as unknown as string[]);
  const frames: ServerFrame[] = [];
  ws.onmessage = (message) => frames.push(JSON.parse(String(message.data)) as ServerFrame);
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error("socket failed to open"));
  });
  ws.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions: [] }));
  return { ws, frames };
}

/** Waits for a condition, not a time: an interactive shell reads the user's rc files, slow on a loaded machine. */

/** A PTY on a loaded 2-core machine can take its time: the describe allows 90 s. */
const PTY_WAIT = { timeoutMs: 60_000 };

const textOf = (frames: ServerFrame[]) => frames.map((f) => (f.type === "terminal_output" || f.type === "terminal_snapshot" ? f.data : "")).join("");

describe("terminals over /ws", { timeout: 90_000 }, () => {
  it("opens, types, survives the socket going away, and shows the same screen to the next socket", async () => {
    const created = await api(server, `/api/sessions/${sessionId}/terminals`, { method: "POST", body: JSON.stringify({ cols: 90, rows: 20 }) });
    expect(created.status).toBe(201);
    const { terminal } = (await created.json()) as { terminal: TerminalInfo };
    const first = await openSocket();
    await until(() => first.frames.some((f) => f.type === "welcome"), "welcome", PTY_WAIT);
    expect(first.frames.find((f) => f.type === "welcome")).toMatchObject({ features: ["terminals.v1"] });
    first.ws.send(JSON.stringify({ type: "terminal_attach", terminalId: terminal.id }));
    first.ws.send(JSON.stringify({ type: "terminal_input", terminalId: terminal.id, data: "echo ws-$((6*7))\r" }));
    await until(() => textOf(first.frames).includes("ws-42"), "the echo", PTY_WAIT);
    first.ws.close();
    const second = await openSocket();
    second.ws.send(JSON.stringify({ type: "terminal_attach", terminalId: terminal.id }));
    await until(() => second.frames.some((f) => f.type === "terminal_snapshot"), "the snapshot", PTY_WAIT);
    const snapshot = second.frames.find((f) => f.type === "terminal_snapshot");
    expect(snapshot).toMatchObject({ cols: 90, rows: 20, isCatchUp: false });
    expect(snapshot?.type === "terminal_snapshot" && snapshot.data.includes("ws-42")).toBe(true);
    const listed = (await (await api(server, `/api/sessions/${sessionId}/terminals`)).json()) as { terminals: TerminalInfo[] };
    expect(listed.terminals.map((t) => t.id)).toContain(terminal.id);
    second.ws.close();
  });

  it("answers bad terminal frames with an error frame and keeps the socket", async () => {
    const { ws, frames } = await openSocket();
    ws.send(JSON.stringify({ type: "terminal_attach", terminalId: "trm_doesnotexist" }));
    ws.send(JSON.stringify({ type: "terminal_input", terminalId: "trm_doesnotexist", data: "x" }));
    ws.send(JSON.stringify({ type: "terminal_resize", terminalId: "trm_doesnotexist", cols: 100000, rows: 1 }));
    ws.send(JSON.stringify({ type: "ping", t: 1 }));
    await until(() => frames.some((f) => f.type === "pong"), "pong", PTY_WAIT);
    const errors = frames.filter((f) => f.type === "error");
    expect(errors.map((e) => e.type === "error" && e.code)).toEqual(["not_found", "not_found", "bad_request"]);
    ws.close();
  });

  it("lists changes on every socket and ends terminals with their session", async () => {
    const watcher = await openSocket();
    const { terminal } = (await (await api(server, `/api/sessions/${sessionId}/terminals`, { method: "POST", body: JSON.stringify({ name: "build" }) })).json()) as { terminal: TerminalInfo };
    expect(terminal.name).toBe("build");
    await until(() => watcher.frames.some((f) => f.type === "terminals" && f.terminals.some((t) => t.name === "build")), "the list frame", PTY_WAIT);
    const renamed = await api(server, `/api/terminals/${terminal.id}`, { method: "PATCH", body: JSON.stringify({ name: "tests" }) });
    expect(((await renamed.json()) as { terminal: TerminalInfo }).terminal.name).toBe("tests");
    const deleted = await api(server, `/api/sessions/${sessionId}/delete`, { method: "POST", body: JSON.stringify({}) });
    expect(deleted.status).toBe(200);
    await until(() => watcher.frames.some((f) => f.type === "terminals" && f.terminals.length === 0), "the emptied list", PTY_WAIT);
    expect((await api(server, `/api/terminals/${terminal.id}/kill`, { method: "POST" })).status).toBe(404);
    watcher.ws.close();
  });
});
