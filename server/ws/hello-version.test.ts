import { afterAll, beforeAll, expect, it } from "vitest";
import type { ServerFrame } from "../../shared/protocol/frames.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { startTestServer, type TestServer } from "../test-support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ claudeBin: "/nonexistent/claude" });
});
afterAll(() => server.cleanup());

it("offers a reload to an app built for another version, and keeps the socket working", async () => {
  const frames: ServerFrame[] = [];
  const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { headers: { authorization: `Bearer ${server.token}` } } as unknown as string[]);
  socket.onmessage = (message) => frames.push(JSON.parse(String(message.data)) as ServerFrame);
  await new Promise((resolve) => (socket.onopen = resolve));
  socket.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, appVersion: "0.0.1-old", subscriptions: [] }));
  socket.send(JSON.stringify({ type: "ping", t: 7 }));
  await expect.poll(() => frames.map((frame) => frame.type)).toEqual(["welcome", "update_available", "pong"]);
  expect(frames[1]).toEqual({ type: "update_available", serverVersion: "0.0.0-test", appVersion: "0.0.1-old" });
  expect(socket.readyState).toBe(WebSocket.OPEN);
  socket.close();
});
