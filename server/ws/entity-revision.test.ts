import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ENTITY_REVISION_HEADER, parseEntityRevision, type EntityRevision, type ServerFrame } from "../../shared/protocol/frames.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { api, startTestServer, type TestServer } from "../test-support/test-server.ts";

/*
 * The count of entity changes (ADR 0048): a welcome says it, each entity frame is the next number, and a list answer
 * says the count it was read at, so a page can tell whether anything changed between its lists and its socket.
 */
let server: TestServer;
let folder: string;
beforeAll(async () => {
  server = await startTestServer({ claudeBin: "/nonexistent/claude" });
  folder = mkdtempSync(join(tmpdir(), "chatml-entity-revision-"));
});
afterAll(async () => {
  await server.cleanup();
  rmSync(folder, { recursive: true, force: true });
});

async function welcomedSocket(): Promise<{ frames: ServerFrame[]; close(): void }> {
  const frames: ServerFrame[] = [];
  const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { headers: { authorization: `Bearer ${server.token}` } } as unknown as string[]);
  socket.onmessage = (message) => frames.push(JSON.parse(String(message.data)) as ServerFrame);
  await new Promise((resolve) => (socket.onopen = resolve));
  socket.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions: [] }));
  await expect.poll(() => frames.length).toBeGreaterThan(0);
  return { frames, close: () => socket.close() };
}

const welcomeOf = (frames: ServerFrame[]): EntityRevision | undefined => (frames[0]?.type === "welcome" ? frames[0].entities : undefined);
const listedAt = async (path: string) => parseEntityRevision((await api(server, path)).headers.get(ENTITY_REVISION_HEADER));

it("numbers every entity change in order, and says the count in welcomes and list answers", async () => {
  const first = await welcomedSocket();
  const welcome = welcomeOf(first.frames);
  expect(welcome).toEqual({ boot: expect.stringMatching(/^[\w-]{8,}$/), revision: expect.any(Number) });
  expect(await listedAt("/api/workspaces")).toEqual(welcome);

  const started = await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: folder }) });
  expect(started.ok).toBe(true);
  expect(started.headers.get(ENTITY_REVISION_HEADER)).toBeNull(); // only reads say what they hold
  // A workspace, a session and a conversation at least, numbered on from the welcome's count without a gap. The start
  // sends no prompt, so no CLI starts (or fails to): the changes made before its answer are all there are.
  await expect.poll(() => first.frames.filter((frame) => frame.type === "entity").length).toBeGreaterThanOrEqual(3);
  const numbers = first.frames.flatMap((frame) => (frame.type === "entity" ? [frame.revision] : []));
  expect(numbers).toEqual(numbers.map((_, index) => welcome!.revision + index + 1));
  const last = { boot: welcome!.boot, revision: numbers.at(-1)! };

  // Nothing changed since: every list answer and a new socket's welcome say the same count.
  for (const path of ["/api/workspaces", "/api/sessions", "/api/conversations", "/api/goals", "/api/jobs", "/api/runs"]) expect(await listedAt(path)).toEqual(last);
  const second = await welcomedSocket();
  expect(welcomeOf(second.frames)).toEqual(last);
  first.close();
  second.close();
});

it("starts another count in another server process", async () => {
  const other = await startTestServer({ claudeBin: "/nonexistent/claude" });
  try {
    const here = await listedAt("/api/workspaces");
    const there = parseEntityRevision((await api(other, "/api/workspaces")).headers.get(ENTITY_REVISION_HEADER));
    expect(there?.boot).toEqual(expect.any(String));
    expect(there?.boot).not.toBe(here?.boot);
  } finally {
    await other.cleanup();
  }
});
