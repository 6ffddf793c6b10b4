import { afterAll, describe, expect, it } from "vitest";
import { CliSocketRegistry } from "../claude/cli-socket-registry.ts";
import { listenForCliSockets } from "./cli-socket-listener.ts";

const registry = new CliSocketRegistry();
const listener = listenForCliSockets(registry);
afterAll(() => listener.stop());

function connect(url: string, headers: Record<string, string>) {
  const socket = new WebSocket(url, { headers } as unknown as string[]);
  const closed = new Promise<number>((resolve) => socket.addEventListener("close", (event) => resolve(event.code)));
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener("open", () => resolve(true));
    socket.addEventListener("error", () => resolve(false));
  });
  return { socket, closed, opened };
}

describe("the --sdk-url listener", () => {
  it("listens on loopback only, over plain ws", () => {
    expect(listener.baseUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
  });

  it("tells a CLI with an unknown key or a wrong secret to exit for good (close 4001)", async () => {
    expect(await connect(`${listener.baseUrl}/ws/cli/unknown`, { authorization: "Bearer x" }).closed).toBe(4001);
    registry.expect("known", { onAttach: () => {}, onFrame: () => {}, onDetach: () => {} });
    expect(await connect(`${listener.baseUrl}/ws/cli/known`, { authorization: "Bearer wrong" }).closed).toBe(4001);
  });

  it("refuses another Host (DNS rebinding) and anything but the CLI path", async () => {
    const port = new URL(listener.baseUrl).port;
    const rebound = await fetch(`http://127.0.0.1:${port}/ws/cli/known`, { headers: { host: `evil.example:${port}` } });
    expect(rebound.status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/api/workspaces`)).status).toBe(404);
  });

  it("carries a CLI's large NDJSON lines (far over a browser frame's limit) to the owner of the key", async () => {
    const frames: string[] = [];
    const { secret } = registry.expect("big", { onAttach: () => {}, onFrame: (data) => frames.push(String(data)), onDetach: () => {} });
    const { socket, opened } = connect(`${listener.baseUrl}/ws/cli/big`, { authorization: `Bearer ${secret}` });
    expect(await opened).toBe(true);
    const line = JSON.stringify({ type: "user", text: "x".repeat(5 * 1024 * 1024) });
    socket.send(line);
    await expect.poll(() => frames.length).toBeGreaterThan(0);
    expect(frames[0]?.length).toBe(line.length);
    socket.close();
  });
});
