import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ServerFrame } from "../../shared/protocol/frames.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { api, startTestServer, type TestServer } from "../test-support/test-server.ts";

/*
 * The Devices screen is live: a device's first socket opening and its last closing, a sign-in, a rename and a
 * sign-out each send `devices.changed` to every socket, so the screens showing the list read it again; and who is
 * here on a conversation is said by a device's current name.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ claudeBin: "/nonexistent/claude" });
});
afterAll(() => server.cleanup());

async function signIn(): Promise<string> {
  const response = await fetch(server.signInUrl, { redirect: "manual" });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** A socket that said hello; `headers` make it a device's (its cookie and our Origin) instead of a script's. */
async function openSocket(headers: Record<string, string>): Promise<{ frames: ServerFrame[]; send(frame: object): void; close(): Promise<void>; sync(): Promise<void> }> {
  const frames: ServerFrame[] = [];
  const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { headers } as unknown as string[]);
  socket.onmessage = (message) => frames.push(JSON.parse(String(message.data)) as ServerFrame);
  await new Promise((resolve) => (socket.onopen = resolve));
  socket.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions: [] }));
  await expect.poll(() => frames.some((frame) => frame.type === "welcome")).toBe(true);
  const closed = new Promise((resolve) => (socket.onclose = resolve));
  // A pong comes after every frame the server sent before it read the ping.
  const sync = async () => {
    const t = Math.random();
    socket.send(JSON.stringify({ type: "ping", t }));
    await expect.poll(() => frames.some((frame) => frame.type === "pong" && frame.t === t)).toBe(true);
  };
  return { frames, send: (frame) => socket.send(JSON.stringify(frame)), close: async () => void (socket.close(), await closed), sync };
}

const changes = (frames: ServerFrame[]) => frames.filter((frame) => frame.type === "devices.changed").length;
const connected = async (id: string) => {
  const { devices } = (await (await api(server, "/api/devices")).json()) as { devices: { id: string; isConnected: boolean }[] };
  return devices.find((device) => device.id === id)?.isConnected;
};

it("tells every socket when a device connects, disconnects, signs in, is renamed or signed out", async () => {
  const watcher = await openSocket({ authorization: `Bearer ${server.token}` });
  const cookie = await signIn();
  await expect.poll(() => changes(watcher.frames)).toBe(1);
  const { devices } = (await (await api(server, "/api/devices")).json()) as { devices: { id: string }[] };
  const id = devices[0]?.id ?? "";
  expect(await connected(id)).toBe(false);

  const phone = await openSocket({ cookie, origin: server.url });
  await expect.poll(() => changes(watcher.frames)).toBe(2);
  expect(await connected(id)).toBe(true);
  // A second tab of the same device changes nothing the list shows, opening or closing.
  const secondTab = await openSocket({ cookie, origin: server.url });
  await watcher.sync();
  expect(changes(watcher.frames)).toBe(2);
  await secondTab.close();
  await phone.close();
  await expect.poll(() => connected(id)).toBe(false);
  await watcher.sync();
  expect(changes(watcher.frames)).toBe(3);

  await api(server, `/api/devices/${id}`, { method: "PATCH", body: JSON.stringify({ name: "Kitchen iPad" }) });
  await watcher.sync();
  expect(changes(watcher.frames)).toBe(4);
  await api(server, `/api/devices/${id}`, { method: "DELETE" });
  await watcher.sync();
  expect(changes(watcher.frames)).toBe(5);
  await watcher.close();
});

it("says who is here by a device's new name as soon as it is renamed", async () => {
  const folder = mkdtempSync(join(tmpdir(), "chatml-devices-live-"));
  try {
    const started = (await (await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: folder }) })).json()) as { conversation: { id: string } };
    const conversationId = started.conversation.id;
    const cookie = await signIn();
    const { devices } = (await (await api(server, "/api/devices")).json()) as { devices: { id: string; name: string }[] };
    const phone = await openSocket({ cookie, origin: server.url });
    const watcher = await openSocket({ authorization: `Bearer ${server.token}` });
    phone.send({ type: "subscribe", conversationId, afterSeq: 0 });
    watcher.send({ type: "subscribe", conversationId, afterSeq: 0 });
    const names = () => watcher.frames.flatMap((frame) => (frame.type === "presence" ? [frame.devices.map((device) => device.name).sort().join(", ")] : [])).at(-1);
    await expect.poll(names).toBe(`${devices.at(-1)?.name}, script`);
    await api(server, `/api/devices/${devices.at(-1)?.id}`, { method: "PATCH", body: JSON.stringify({ name: "Kitchen iPad" }) });
    await expect.poll(names).toBe("Kitchen iPad, script");
    await phone.close();
    await watcher.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

it("says a device that leaves was last seen when its last socket closed, not at its last request", async () => {
  type Row = { id: string; isConnected: boolean; lastSeenAt: number };
  const list = async () => ((await (await api(server, "/api/devices")).json()) as { devices: Row[] }).devices;
  const before = new Set((await list()).map((device) => device.id));
  const cookie = await signIn();
  const id = (await list()).find((device) => !before.has(device.id))?.id;
  const row = async () => (await list()).find((device) => device.id === id) as Row;
  const signedIn = await row();
  const phone = await openSocket({ cookie, origin: server.url });
  // The page only listens now; its requests were seen at sign-in (they are counted only every 30 s).
  await expect.poll(() => Date.now()).toBeGreaterThan(signedIn.lastSeenAt);
  const beforeLeaving = Date.now();
  await phone.close();
  await expect.poll(async () => (await row()).isConnected).toBe(false);
  expect((await row()).lastSeenAt).toBeGreaterThanOrEqual(beforeLeaving);
});
