import { afterAll, beforeAll, expect, it } from "vitest";
import { startFakeGithub, type FakeGithub } from "../../e2e/fake-github/server.ts";
import { startFakeLinear, type FakeLinear } from "../../e2e/fake-linear/server.ts";
import type { ServerFrame } from "../../shared/protocol/frames.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { api, startTestServer, type TestServer } from "../test-support/test-server.ts";

/*
 * The Integrations screen is live on every device: connecting, disconnecting or setting GitHub or Linear on one sends
 * `integrations.changed` to every socket (the others showed the old connection until reloaded); a key refused
 * changes nothing and says nothing.
 */
const TOKEN = "github_pat_11LIVE00000000000token";
const KEY = "lin_api_live000000000000000000key";
let server: TestServer;
let github: FakeGithub;
let linear: FakeLinear;
beforeAll(async () => {
  github = startFakeGithub();
  github.tokens.set(TOKEN, null);
  linear = startFakeLinear();
  linear.apiKeys.add(KEY);
  server = await startTestServer({ env: { CHATML_LINEAR_API_URL: linear.url, CHATML_GITHUB_POLL_MS: "0" } });
});
afterAll(async () => {
  await server?.cleanup();
  await github?.stop();
  await linear?.stop();
});

/** A script's socket that said hello; `sync` waits until every frame sent before it arrived. */
async function openSocket(): Promise<{ frames: ServerFrame[]; sync(): Promise<void>; close(): void }> {
  const frames: ServerFrame[] = [];
  const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { headers: { authorization: `Bearer ${server.token}` } } as unknown as string[]);
  socket.onmessage = (message) => frames.push(JSON.parse(String(message.data)) as ServerFrame);
  await new Promise((resolve) => (socket.onopen = resolve));
  socket.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions: [] }));
  await expect.poll(() => frames.some((frame) => frame.type === "welcome")).toBe(true);
  const sync = async () => {
    const t = Math.random();
    socket.send(JSON.stringify({ type: "ping", t }));
    await expect.poll(() => frames.some((frame) => frame.type === "pong" && frame.t === t)).toBe(true);
  };
  return { frames, sync, close: () => socket.close() };
}

const changes = (frames: ServerFrame[]) => frames.flatMap((frame) => (frame.type === "integrations.changed" ? [frame.service] : []));
const send = (path: string, method: string, body?: unknown) => api(server, path, { method, body: body === undefined ? undefined : JSON.stringify(body) });

it("tells every socket when GitHub or Linear is connected, set or disconnected, and nothing of a refused token", async () => {
  const other = await openSocket();
  expect((await send("/api/integrations/github", "PUT", { token: "ghp_refused0000000000", baseUrl: github.url })).status).toBe(403);
  expect((await send("/api/integrations/github", "PUT", { token: TOKEN, baseUrl: github.url })).status).toBe(200);
  expect((await send("/api/integrations/linear", "PUT", { apiKey: KEY })).status).toBe(200);
  expect((await send("/api/integrations/linear/settings", "PUT", { isAutoStatus: true })).status).toBe(200);
  await other.sync();
  expect(changes(other.frames)).toEqual(["github", "linear", "linear"]);

  expect((await send("/api/integrations/github", "DELETE")).status).toBe(200);
  expect((await send("/api/integrations/linear", "DELETE")).status).toBe(200);
  await other.sync();
  expect(changes(other.frames)).toEqual(["github", "linear", "linear", "github", "linear"]);
  expect(JSON.stringify(other.frames)).not.toContain(TOKEN);
  other.close();
});
