/**
 * What the server's CPU does before the last of N sends that land together reaches its CLI (issue 16's turn start), in
 * one process, for two checkouts' conversation services side by side: each has N warm conversations on the fake CLI
 * (stdio, real SQLite, real child processes) and they take turns (A, B, A, B…) sending "hello" to all N at once.
 * Per round: the process's CPU ms from the sends until the first, the middle and the last prompt was written to its
 * CLI, and until every send was answered (its message stored), and how many user messages were committed before the
 * last prompt. CPU time does not depend on the machine's load; only this process's work counts.
 * `CHATML_ROOT=<a checkout to compare with> bun bench/send-prompts-cpu.ts` (BENCH_ROUNDS, BENCH_CONVERSATIONS).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { report, round } from "./support/bench-server.ts";
import { percentile } from "./support/proc-stats.ts";
import { REPO_ROOT } from "../e2e/harness/index.ts";
import { CliSocketRegistry } from "../server/claude/cli-socket-registry.ts";
import { writeFakeCliBin } from "../server/claude/fixtures/fake-cli/fake-cli-bin.ts";
import { DEFAULT_SETTINGS } from "../server/persistence/settings-repo.ts";
import { openTempDb, seedConversation } from "../server/persistence/test-support.ts";
import { hearingHostLines } from "../server/core/conversations/conversation-test-kit.ts";
import type { BusMessage, EventBus as EventBusClass } from "../server/core/event-bus.ts";
import type { ConversationService as ServiceClass } from "../server/core/conversations/conversation-service.ts";
import type { DiscoveringCliLauncher as LauncherClass } from "../server/core/conversations/cli-launcher.ts";

const N = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const roots = { before: process.env.CHATML_ROOT, after: REPO_ROOT };
if (!roots.before) throw new Error("CHATML_ROOT=<a checkout to compare with> is needed");
const cpuMs = () => ((u) => (u.user + u.system) / 1000)(process.cpuUsage());
const bin = await writeFakeCliBin();

type Round = { first: number; middle: number; last: number; answered: number; committedBeforeLast: number };

/** A checkout's ConversationService over its own database, N conversations, and a way to time one round of sends. */
async function side(root: string) {
  const { ConversationService } = (await import(join(root, "server/core/conversations/conversation-service.ts"))) as { ConversationService: typeof ServiceClass };
  const { DiscoveringCliLauncher } = (await import(join(root, "server/core/conversations/cli-launcher.ts"))) as { DiscoveringCliLauncher: typeof LauncherClass };
  const { EventBus } = (await import(join(root, "server/core/event-bus.ts"))) as { EventBus: typeof EventBusClass };
  const temp = openTempDb();
  const conversations = Array.from({ length: N }, () => seedConversation(temp.repos, mkdtempSync(join(tmpdir(), "chatml-bench-prompts-"))).conversation);
  const bus = new EventBus();
  let userMessages = 0;
  bus.subscribe((m: BusMessage) => void (m.kind === "event" && m.sequenced.event.type === "message.created" && m.sequenced.event.message.role === "user" && userMessages++));
  let onPrompt = () => {};
  const real = new DiscoveringCliLauncher({ explicitBin: bin, settings: () => ({ ...DEFAULT_SETTINGS, transport: "stdio", cliSleepAfterMinutes: 0 }), env: { ...process.env, FAKE_CLI_VERSION: "2.1.330" }, registry: new CliSocketRegistry() });
  const launcher = hearingHostLines(real, (_cwd, line) => void (line.type === "user" && onPrompt()));
  const service = new ConversationService({ repos: temp.repos, bus, launcher, now: Date.now, sleepAfterMs: () => 0 });
  let commands = 0;
  const sendAll = () => Promise.all(conversations.map((c) => service.sendMessage(c.id, { commandId: `p${commands++}`, text: "hello", images: [] })));
  const ready = async () => {
    while (conversations.some((c) => temp.repos.conversations.get(c.id)?.status !== "ready")) await Bun.sleep(10);
  };
  await sendAll(); // launches every CLI
  await ready();
  return {
    async round(): Promise<Round> {
      const prompts: number[] = [];
      let committedBeforeLast = 0;
      const before = userMessages;
      const start = cpuMs();
      onPrompt = () => {
        prompts.push(cpuMs() - start);
        if (prompts.length === N) committedBeforeLast = userMessages - before;
      };
      await sendAll();
      const answered = cpuMs() - start;
      await ready();
      return { first: prompts[0]!, middle: prompts[Math.floor(N / 2)]!, last: prompts[N - 1]!, answered, committedBeforeLast };
    },
    stop: async () => (await service.stopAll(), temp.cleanup()),
  };
}

const sides = [await side(roots.before), await side(roots.after)];
const rounds: Round[][] = [[], []];
for (let r = 0; r < ROUNDS + 3; r++) for (const [i, s] of sides.entries()) (r >= 3 ? rounds[i]! : []).push(await s.round());
const median = (rs: Round[], key: keyof Round) => round(percentile(rs.map((x) => x[key]), 50), 2);
const rows = Object.keys(roots).map((checkout, i) => ({
  checkout,
  "CPU ms to the first prompt": median(rounds[i]!, "first"),
  [`to prompt ${Math.floor(N / 2) + 1}`]: median(rounds[i]!, "middle"),
  [`to prompt ${N}`]: median(rounds[i]!, "last"),
  "to every answer": median(rounds[i]!, "answered"),
  "user messages committed before the last prompt": median(rounds[i]!, "committedBeforeLast"),
  [`to prompt ${N}, each round`]: rounds[i]!.map((x) => x.last.toFixed(1)).join(" "),
}));
report(`CPU before ${N} sends at once reach their CLIs, ${ROUNDS} rounds each (medians), alternating`, rows, { rows, roots });
await Promise.all(sides.map((s) => s.stop()));
process.exit(0);
