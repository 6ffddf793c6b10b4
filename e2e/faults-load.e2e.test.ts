import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssMiB } from "../bench/support/proc-stats.ts";
import { writeReplayCliBin } from "../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { startChatml, tempDir, type ChatmlServer } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

/**
 * Load: 20 conversations streaming to 5 browser sockets each. No error frame, no gap or duplicate, every delta
 * reaches every socket, and the server's memory stays flat. The suite runs it for CHATML_LOAD_SECONDS (default 20);
 * `CHATML_LOAD_SECONDS=300 bun --bun vitest run --pool=threads --config e2e/vitest.e2e.config.ts e2e/faults-load`
 * (or `bun bench/load-soak.ts`) runs the several-minute version.
 */
const SECONDS = Number(process.env.CHATML_LOAD_SECONDS ?? 20);
const CONVERSATIONS = 20;
const BROWSERS = 5;
const TURN = "stream 200 50 48";

describe(`load: ${CONVERSATIONS} conversations × ${BROWSERS} browsers for ${SECONDS} s`, () => {
  let server: ChatmlServer;
  const browsers: ChatmlClient[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    const env = { ...(process.env as Record<string, string>), REPLAY_CLI_VERSION: "2.1.330" };
    server = await startChatml({ dataDir: tempDir("chatml-load-data"), claudeBin: await writeReplayCliBin(), env });
    const admin = new ChatmlClient({ url: server.origin, token: server.token });
    for (let i = 0; i < CONVERSATIONS; i++) ids.push((await admin.startInFolder(tempDir(`chatml-load-${i}-`))).id);
    for (let i = 0; i < BROWSERS; i++) browsers.push(new ChatmlClient({ url: server.origin, token: server.token }));
    await Promise.all(browsers.map((browser) => browser.connect(ids)));
  });

  afterAll(async () => {
    for (const browser of browsers) browser.disconnect();
    await server?.stop();
  });

  const turnsOf = (id: string) => (browsers[0] as ChatmlClient).list(id).filter((event) => event.type === "turn.completed").length;

  /** Keeps one conversation busy: a new turn as soon as the last one completed, until the deadline. */
  async function keepStreaming(id: string, deadline: number): Promise<number> {
    const sender = browsers[0] as ChatmlClient;
    let sent = 0;
    while (Date.now() < deadline) {
      await sender.send(id, TURN);
      sent += 1;
      await sender.waitUntil(() => turnsOf(id) >= sent, 60_000, `turn ${sent} of ${id}`);
    }
    return sent;
  }

  /** Waits until every socket holds everything the server has stored for every conversation. */
  async function settle(): Promise<void> {
    await Bun.sleep(300);
    const admin = browsers[0] as ChatmlClient;
    const stored = await Promise.all(ids.map(async (id) => (await admin.api<{ conversation: { lastSeq: number } }>(`/api/conversations/${id}`)).conversation.lastSeq));
    const isCaughtUp = (browser: ChatmlClient) => ids.every((id, index) => browser.lastSeq(id) === stored[index]);
    await Promise.all(browsers.map((browser) => browser.waitUntil(() => isCaughtUp(browser), 15_000, "every socket to catch up")));
  }

  it("delivers every event to every socket with no errors and flat memory", async () => {
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMiB(server.proc.pid) ?? 0), 1000);
    const deadline = Date.now() + SECONDS * 1000;
    const sent = await Promise.all(ids.map((id) => keepStreaming(id, deadline))).finally(() => clearInterval(sampler));

    await settle();
    for (const browser of browsers) {
      expect(browser.anomalies).toEqual([]);
      expect(browser.frames.filter((frame) => frame.type === "error")).toEqual([]);
    }
    for (const [index, id] of ids.entries()) {
      const reference = (browsers[0] as ChatmlClient).list(id);
      expect(reference.filter((event) => event.type === "turn.completed" && !event.isError)).toHaveLength(sent[index] as number);
      expect(reference.some((event) => event.type === "process.exited")).toBe(false);
      for (const browser of browsers) {
        expect(browser.list(id)).toEqual(reference);
        const streamed = (browser.deltas.get(id) ?? []).map((delta) => (delta.type === "message.part.delta" ? delta.delta : "")).join("");
        expect(streamed.split("|").length - 1).toBe(200 * (sent[index] as number));
        // Every delta arrived, in order: together they are exactly the final text of the turns' parts.
        expect(browser.assistantText(id).replaceAll("\n", "") === streamed, `deltas of ${id} differ from its final text`).toBe(true);
      }
    }
    // Flat: the last third of the run does not sit above the first third's peak by more than a margin.
    const third = Math.max(1, Math.floor(samples.length / 3));
    const early = Math.max(...samples.slice(0, third));
    const late = Math.max(...samples.slice(-third));
    console.log(`[load] ${sent.reduce((a, b) => a + b, 0)} turns; server RSS MiB early peak ${early.toFixed(0)}, late peak ${late.toFixed(0)}`);
    expect(late).toBeLessThan(early * 1.25 + 32);
  }, (SECONDS + 90) * 1000);
});
