import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBinPath, cliEnv, startChatml, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

/**
 * Idle CLIs sleep (issue 16): with the real pinned CLIs against the fake API, a conversation whose turn is over and
 * that owes nothing is stopped after the configured idle time and says it sleeps; the next message resumes the same
 * CLI session with its context. A CLI waiting for a permission is never put to sleep.
 */
describe.each([
  { version: "2.1.119", transport: "sdk-url" },
  { version: "2.1.330", transport: "stdio" },
])("an idle CLI $version ($transport) sleeps and wakes", ({ version }) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let client: ChatmlClient;
  let conversationId: string;
  /** 1.5 s: long enough to see a CLI kept awake, short enough for a test. */
  const SLEEP_MINUTES = 0.025;

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    const env = cliEnv({ apiUrl: api.url, home: tempDir(`chatml-sleep-home-${version}`) });
    server = await startChatml({ dataDir: tempDir(`chatml-sleep-data-${version}`), claudeBin: cliBinPath(version), env });
    client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api("/api/settings", { method: "PUT", body: { cliSleepAfterMinutes: SLEEP_MINUTES } });
    conversationId = (await client.startInFolder(tempDir(`chatml-sleep-work-${version}`))).id;
    await client.connect([conversationId]);
  });

  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
    await api?.stop();
  });

  const count = (type: string) => client.list(conversationId).filter((event) => event.type === type).length;
  const status = async () => (await client.api<{ conversation: { status: string; statusReason: string | null } }>(`/api/conversations/${conversationId}`)).conversation;

  it("stops a CLI whose turn is over after the idle time, and says it sleeps", async () => {
    await client.send(conversationId, "The secret word is MANGO.");
    await client.waitForEvent(conversationId, "turn.completed");
    const exited = await client.waitForEvent(conversationId, "process.exited");
    expect(exited).toMatchObject({ isExpected: true });
    expect(exited.reason).toMatch(/^Sleeping after /);
    await client.waitUntil(() => client.list(conversationId).some((event) => event.type === "conversation.status.changed" && event.status === "idle" && event.reason?.startsWith("Sleeping") === true), 10_000, "the sleeping status");
    expect(await status()).toMatchObject({ status: "idle", statusReason: expect.stringMatching(/^Sleeping after .*wakes it/) });
  });

  it("wakes on the next message with its context: the same CLI session, the earlier turn in the request", async () => {
    const sessionBefore = client.list(conversationId).findLast((event) => event.type === "cli.session.updated");
    const turns = count("turn.completed");
    const requestsBefore = api.requests.length;
    await client.send(conversationId, "What did I tell you? @@remember");
    await client.waitUntil(() => count("turn.completed") === turns + 1, 60_000, "the woken turn");
    expect(client.assistantText(conversationId)).toContain("MANGO");
    const request = JSON.stringify(api.requests.slice(requestsBefore).find((r) => r.script === "remember")?.body ?? null);
    expect(request).toContain("The secret word is MANGO.");
    const sessionAfter = client.list(conversationId).findLast((event) => event.type === "cli.session.updated");
    expect(sessionBefore?.type === "cli.session.updated" && sessionAfter?.type === "cli.session.updated" && sessionAfter.cliSessionId === sessionBefore.cliSessionId).toBe(true);
  });

  // Whether a pending permission keeps a CLI awake is the server's timer, the same on either transport (ADR 0156): the
  // newer CLI only. Both transports sleep and wake above.
  it.runIf(version === "2.1.330")("never puts to sleep a CLI that waits for a permission", async () => {
    await client.waitUntil(() => count("process.exited") === 2, 30_000, "the woken CLI to sleep again");
    await client.send(conversationId, "Run something @@bash");
    await client.waitUntil(() => count("permission.requested") === 1, 60_000, "the Bash permission request");
    // Three idle times with the question open: still the same process.
    await Bun.sleep(SLEEP_MINUTES * 60_000 * 3);
    expect(count("process.exited")).toBe(2);
    const request = client.list(conversationId).find((event) => event.type === "permission.requested");
    if (request?.type !== "permission.requested") throw new Error("no permission request");
    const turns = count("turn.completed");
    await client.answer(conversationId, request.request.id, { decision: "allow" });
    await client.waitUntil(() => count("turn.completed") === turns + 1, 60_000, "the turn after the answer");
    expect(client.assistantText(conversationId)).toContain("hello-from-bash");
    await client.waitUntil(() => count("process.exited") === 3, 30_000, "the CLI to sleep once nothing is pending");
  });

  // A time chosen in Settings reaches a CLI already sitting idle, not only the ones whose turn ends after it: the server's
  // timer, the same on either transport (ADR 0156), so the newer CLI only.
  it.runIf(version === "2.1.330")("puts an idle CLI to sleep once a time is set, without waiting for its next turn", async () => {
    await client.waitUntil(() => count("process.exited") === 3, 30_000, "the CLI of the turn before to sleep");
    await client.api("/api/settings", { method: "PUT", body: { cliSleepAfterMinutes: 0 } });
    const turns = count("turn.completed");
    await client.send(conversationId, "Stay awake while never is set.");
    await client.waitUntil(() => count("turn.completed") === turns + 1, 60_000, "the turn under never");
    const isReady = () => {
      const last = client.list(conversationId).findLast((event) => event.type === "conversation.status.changed");
      return last?.type === "conversation.status.changed" && last.status === "ready";
    };
    await client.waitUntil(isReady, 10_000, "the ready CLI");
    await client.api("/api/settings", { method: "PUT", body: { cliSleepAfterMinutes: SLEEP_MINUTES } });
    await client.waitUntil(() => count("process.exited") === 4, 30_000, "the idle CLI to sleep under the new time");
    expect(await status()).toMatchObject({ status: "idle", statusReason: expect.stringMatching(/^Sleeping after /) });
  });
});
