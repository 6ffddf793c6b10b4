import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConversationId } from "../shared/ids.ts";
import type { ServerFrame } from "../shared/protocol/frames.ts";
import { openTempDb } from "./persistence/test-support.ts";
import { EventBus } from "./core/event-bus.ts";
import { WorkInFlight } from "./lib/work-in-flight.ts";
import { composeRemoteAccess } from "./compose-remote.ts";
import { composeConversations } from "./compose-conversations.ts";
import { followRunningTurns } from "./core/conversations/running-turns.ts";
import { settingsAccess } from "./core/settings/settings-access.ts";
import { startTestServer, type TestServer } from "./test-support/test-server.ts";

/**
 * A start listens before it composes the conversations and the rooms around them (ADR 0210): a probe, the page and
 * the sign-in answer first; `/api` and `/ws` wait for the composition once; a stop at any moment is clean.
 */
const MAIN = join(import.meta.dirname, "main.ts");
let dir = "";
let server: TestServer | null = null;
afterEach(async () => {
  await server?.cleanup();
  server = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs `body` after a start in a fresh Bun process (so what it has loaded is its own) and returns the JSON it prints last; the process must end on its own. */
async function afterStartInFreshProcess<T>(dataDir: string, body: string): Promise<T> {
  const script = `
const { startServer } = await import(${JSON.stringify(MAIN)});
const loaded = () => Object.keys(require.cache).some((path) => path.endsWith("/compose-conversations.ts"));
const server = await startServer({ port: 0, isPortExplicit: true, maxPort: 0, host: "127.0.0.1", dataDir: ${JSON.stringify(dataDir)}, claudeBin: null, version: "0.0.0-test", webRoot: ${JSON.stringify(join(dataDir, "no-web"))}, env: {} });
${body}`;
  const proc = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  // No process.exit in the scripts: one that stays alive (a timer, a listener or a CLI left open) fails the test on its timeout.
  expect(code, err).toBe(0);
  return JSON.parse(out.trim().split("\n").pop() ?? "null") as T;
}

/** A data dir whose conversation was running when its server died: the restart settles it (ADR 0177). */
function dataDirWithDeadTurn(): { dataDir: string; conversationId: ConversationId } {
  dir = mkdtempSync(join(tmpdir(), "chatml-compose-conversations-"));
  const seeded = openTempDb(dir);
  const workspace = seeded.repos.workspaces.create({ path: dir });
  const session = seeded.repos.sessions.create({ workspaceId: workspace.id, name: "main", cwd: dir });
  const conversation = seeded.repos.conversations.create({ sessionId: session.id });
  seeded.repos.events.appendBatch(conversation.id, [{ type: "conversation.status.changed", status: "running", reason: null }], 1_000);
  seeded.db.close();
  return { dataDir: join(dir, "data"), conversationId: conversation.id };
}

describe("listening before the conversations are composed (ADR 0210)", () => {
  it("answers a probe, the page and the sign-in link before composing; refuses a socket without sign-in at once; /api waits for the composition and says 401 or answers", async () => {
    dir = mkdtempSync(join(tmpdir(), "chatml-compose-conversations-"));
    const seen = await afterStartInFreshProcess<Record<string, unknown>>(
      dir,
      `
const healthz = (await fetch(server.url + "/healthz")).status;
const page = (await fetch(server.url + "/")).status;
const signIn = await fetch(server.signInUrl, { redirect: "manual" });
const socket = (await fetch(server.url + "/ws", { headers: { upgrade: "websocket", connection: "Upgrade", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==", "sec-websocket-version": "13", origin: server.url } })).status;
const composedAtFirstAnswers = loaded();
const anonymous = (await fetch(server.url + "/api/workspaces")).status;
const owner = await fetch(server.url + "/api/workspaces", { headers: { authorization: "Bearer " + server.token } });
const composed = loaded();
await server.stop();
console.log(JSON.stringify({ healthz, page, signIn: signIn.status, cookie: (signIn.headers.get("set-cookie") ?? "").split("=")[0], socket, composedAtFirstAnswers, anonymous, owner: owner.status, workspaces: (await owner.json()).workspaces, composed }));`,
    );
    // No app is built in this data dir: the page's answer is the SPA's "not built" one, never a server error.
    expect(seen.page).toBeLessThan(500);
    expect(seen).toEqual({ healthz: 200, page: seen.page, signIn: 303, cookie: expect.stringMatching(/\w/), socket: 401, composedAtFirstAnswers: false, anonymous: 401, owner: 200, workspaces: [], composed: true });
  });

  it("a socket opened the moment the server listens is upgraded once the dead turns are settled: its replay already says the turn ended (ADR 0177)", async () => {
    const { dataDir, conversationId } = dataDirWithDeadTurn();
    server = await startTestServer({ dataDir });
    const ws = new WebSocket(`${server.url.replace(/^http/, "ws")}/ws`, { headers: { authorization: `Bearer ${server.token}`, origin: server.url } } as unknown as string[]);
    const replayed: ServerFrame[] = [];
    const done = new Promise<void>((resolve, reject) => {
      ws.onerror = () => reject(new Error("socket failed"));
      ws.onmessage = (message) => {
        const frame = JSON.parse(String(message.data)) as ServerFrame;
        if (frame.type === "replayed") resolve();
        else if (frame.type === "event") replayed.push(frame);
      };
    });
    await new Promise<void>((resolve) => (ws.onopen = () => resolve()));
    ws.send(JSON.stringify({ type: "hello", protocol: 1, subscriptions: [{ conversationId, afterSeq: 0 }] }));
    await done;
    ws.close();
    const statuses = replayed.flatMap((frame) => (frame.type === "event" && frame.event.type === "conversation.status.changed" ? [frame.event.status] : []));
    expect(statuses).toEqual(["running", "idle"]);
  });

  it("a stop right after the start, before anything asked for the conversations, is clean and composes nothing", async () => {
    dir = mkdtempSync(join(tmpdir(), "chatml-compose-conversations-"));
    const seen = await afterStartInFreshProcess<{ composed: boolean }>(dir, `await server.stop();\nconsole.log(JSON.stringify({ composed: loaded() }));`);
    expect(seen).toEqual({ composed: false });
  });

  // That a stop in the middle of the composition waits for it is proven deterministically in compose-after-listen.test.ts.
  it("a stop just after the first /api request stops what that request composed, and the request is answered", async () => {
    const { dataDir } = dataDirWithDeadTurn();
    const seen = await afterStartInFreshProcess<{ status: number; composed: boolean; errors: string[] }>(
      dataDir,
      `
const errors = [];
console.error = (...args) => errors.push(args.map(String).join(" "));
const asked = fetch(server.url + "/api/workspaces", { headers: { authorization: "Bearer " + server.token } });
// The composition's module is evaluated; its restart recovery is under way.
while (!loaded()) await new Promise((resolve) => setImmediate(resolve));
await server.stop();
const status = await asked.then((response) => response.status, () => 0);
console.log(JSON.stringify({ status, composed: loaded(), errors }));`,
    );
    // Answered, or refused as the server stops: never left waiting, and nothing composed ran on after the stop.
    expect([200, 503]).toContain(seen.status);
    expect(seen).toMatchObject({ composed: true, errors: [] });
  });

  it("a composition that fails (a damaged database): /api and /ws answer an error instead of waiting, the log and `failed` say why, and the stop is clean", async () => {
    const { dataDir } = dataDirWithDeadTurn();
    const damaged = openTempDb(dir);
    damaged.db.run("DROP TABLE pending_permissions");
    damaged.db.close();
    const seen = await afterStartInFreshProcess<{ api: number; error: string; socket: number; logged: string; failed: string }>(
      dataDir,
      `
const errors = [];
console.error = (...args) => errors.push(args.map(String).join(" "));
const headers = { authorization: "Bearer " + server.token };
const api = await fetch(server.url + "/api/workspaces", { headers });
const body = await api.json();
const socket = (await fetch(server.url + "/ws", { headers: { ...headers, upgrade: "websocket", connection: "Upgrade", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==", "sec-websocket-version": "13" } })).status;
const failed = (await server.failed).message;
await server.stop();
console.log(JSON.stringify({ api: api.status, error: body.error.message, socket, logged: errors.join("\\n"), failed }));`,
    );
    expect(seen.api).toBe(500);
    expect(seen.error).toMatch(/logged/);
    // The log says why, as a failed start said it.
    expect(seen.logged).toMatch(/no such table: pending_permissions/);
    expect(seen.socket).toBe(500);
    // And the start says it failed, for `chatml` to stop with the cause (ADR 0217).
    expect(seen.failed).toMatch(/no such table: pending_permissions/);
  });

  it("a composition that fails part-way leaves nothing it opened listening to the server's bus", async () => {
    const { dataDir } = dataDirWithDeadTurn();
    const { db, repos } = openTempDb(dir);
    db.run("DROP TABLE pending_permissions");
    const bus = new EventBus();
    const { remote } = composeRemoteAccess({ dataDir, db, bus, hub: () => null, trustProxy: false, network: () => ({ isNetworkReachable: false, lanUrls: [], publicUrl: null, isHttps: false, howToReach: "" }) as never, conversationTitle: () => null, onTokenRotated: () => undefined });
    const runningTurns = followRunningTurns(bus);
    // Counted from here: what the start subscribed stays, what the composition subscribed must be undone.
    let listening = 0;
    const subscribe = bus.subscribe.bind(bus);
    bus.subscribe = (listener) => {
      listening += 1;
      const unsubscribe = subscribe(listener);
      return () => ((listening -= 1), unsubscribe());
    };
    const config = { port: 0, isPortExplicit: true, maxPort: 0, host: "127.0.0.1", dataDir, claudeBin: null, version: "0.0.0-test", webRoot: join(dir, "no-web"), env: {} };
    const settings = settingsAccess(repos.settings);
    await expect(composeConversations({ config, db, repos, bus, now: Date.now, work: new WorkInFlight(), remote, settings, runningTurns })).rejects.toThrow(/pending_permissions/);
    expect(listening).toBe(0);
    db.close();
  });
});
