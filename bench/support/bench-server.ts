import { writeReplayCliBin } from "../../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { startChatml, tempDir, type ChatmlServer } from "../../e2e/harness/index.ts";
import { api, sendText } from "./bridge-client.ts";

/** Where a benchmark talks to ChatML: the origin and the Bearer token. */
export type BenchTarget = { origin: string; token: string };

/** A ChatML server (its own process) on the replaying CLI; 2.1.119 picks sdk-url, 2.1.330 stdio. */
export async function startBenchServer(transport: "stdio" | "sdk-url"): Promise<ChatmlServer> {
  const env = { ...(process.env as Record<string, string>), REPLAY_CLI_VERSION: transport === "stdio" ? "2.1.330" : "2.1.119" };
  return startChatml({ dataDir: tempDir("chatml-bench-data"), claudeBin: await writeReplayCliBin(), env });
}

/** Creates `count` conversations and runs one tiny turn in each, so every CLI is launched and warm. */
export async function warmConversations(server: BenchTarget, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { conversation } = await api<{ conversation: { id: string } }>(server, "/api/start", { path: tempDir(`chatml-bench-${i}-`) });
    ids.push(conversation.id);
  }
  await Promise.all(ids.map((id) => sendText(server, id, "stream 5 0 0")));
  await waitIdle(server, ids);
  return ids;
}

/** Waits until no conversation is running a turn. */
export async function waitIdle(server: BenchTarget, ids: string[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses = await Promise.all(ids.map(async (id) => (await api<{ conversation: { status: string } }>(server, `/api/conversations/${id}`)).conversation.status));
    if (statuses.every((status) => status === "ready")) return;
    if (Date.now() > deadline) throw new Error(`conversations still busy: ${statuses.join(",")}`);
    await Bun.sleep(100);
  }
}

/** Prints a table and the JSON line run-all.ts collects (`BENCH_JSON {...}`). */
export function report(name: string, rows: Record<string, string | number>[], json: unknown): void {
  console.log(`\n## ${name}`);
  console.table(rows);
  console.log(`BENCH_JSON ${JSON.stringify({ name, result: json })}`);
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
