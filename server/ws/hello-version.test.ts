import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ServerFrame } from "../../shared/protocol/frames.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { startTestServer, type TestServer } from "../test-support/test-server.ts";

let server: TestServer;
let webRoot: string;
const SERVED = "/assets/index-served1.js";
beforeAll(async () => {
  // A built app, as `dist/web` holds it: the index page names the build's entry module.
  webRoot = mkdtempSync(join(tmpdir(), "chatml-web-"));
  writeFileSync(join(webRoot, "index.html"), `<!doctype html><head><script type="module" crossorigin src="${SERVED}"></script></head>`);
  server = await startTestServer({ claudeBin: "/nonexistent/claude", config: { webRoot } });
});
afterAll(async () => {
  await server.cleanup();
  rmSync(webRoot, { recursive: true, force: true });
});

/** The frames a fresh socket gets for its hello (then a pong, so the list is complete). */
async function helloFrames(app: { appVersion?: string; appBuild?: string }): Promise<ServerFrame[]> {
  const frames: ServerFrame[] = [];
  const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { headers: { authorization: `Bearer ${server.token}` } } as unknown as string[]);
  socket.onmessage = (message) => frames.push(JSON.parse(String(message.data)) as ServerFrame);
  await new Promise((resolve) => (socket.onopen = resolve));
  socket.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, ...app, subscriptions: [] }));
  socket.send(JSON.stringify({ type: "ping", t: 1 }));
  await expect.poll(() => frames.at(-1)?.type).toBe("pong");
  socket.close();
  return frames.filter((frame) => frame.type === "update_available");
}

it("offers a reload to a page of another build of the same version (it offered nothing), and none to the build served", async () => {
  expect(await helloFrames({ appVersion: "0.0.0-test", appBuild: "/assets/index-before.js" })).toEqual([{ type: "update_available", serverVersion: "0.0.0-test", appVersion: "0.0.0-test", change: "rebuilt" }]);
  expect(await helloFrames({ appVersion: "0.0.0-test", appBuild: SERVED })).toEqual([]);
});

it("says the server's app is older to a page of a later version (it was offered as a newer one)", async () => {
  expect(await helloFrames({ appVersion: "0.1.0", appBuild: "/assets/index-later.js" })).toEqual([{ type: "update_available", serverVersion: "0.0.0-test", appVersion: "0.1.0", change: "older" }]);
});

it("reads the served build again after a rebuild under the running server", async () => {
  writeFileSync(join(webRoot, "index.html"), `<!doctype html><head><script type="module" crossorigin src="/assets/index-served2.js"></script></head>`, { flag: "w" });
  utimesSync(join(webRoot, "index.html"), new Date(), new Date(Date.now() + 5_000));
  expect(await helloFrames({ appVersion: "0.0.0-test", appBuild: SERVED })).toMatchObject([{ change: "rebuilt" }]);
  expect(await helloFrames({ appVersion: "0.0.0-test", appBuild: "/assets/index-served2.js" })).toEqual([]);
});

it("offers a reload to an app built for another version, and keeps the socket working", async () => {
  const frames: ServerFrame[] = [];
  const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { headers: { authorization: `Bearer ${server.token}` } } as unknown as string[]);
  socket.onmessage = (message) => frames.push(JSON.parse(String(message.data)) as ServerFrame);
  await new Promise((resolve) => (socket.onopen = resolve));
  socket.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, appVersion: "0.0.1-old", subscriptions: [] }));
  socket.send(JSON.stringify({ type: "ping", t: 7 }));
  await expect.poll(() => frames.map((frame) => frame.type)).toEqual(["welcome", "update_available", "pong"]);
  expect(frames[1]).toEqual({ type: "update_available", serverVersion: "0.0.0-test", appVersion: "0.0.1-old", change: "older" });
  expect(socket.readyState).toBe(WebSocket.OPEN);
  socket.close();
});
