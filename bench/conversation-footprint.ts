/**
 * What a running conversation costs beyond the Claude Code CLI it runs: N conversations (5; BENCH_CONVERSATIONS),
 * each in its own git repository, answer one turn through the real pinned CLI against the fake Anthropic API; then
 * the processes under the server are counted and measured (RSS and CPU time so far) by kind. The floor is the CLIs
 * themselves (what running Claude Code costs anyway); ChatML's share is every other process it keeps under it and the
 * server's own growth over its idle RSS. `bun bench/conversation-footprint.ts` (CHATML_ROOT=<checkout> measures
 * another checkout, built with `bun run build`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { makeTempRepo } from "../server/git/test-support.ts";
import { cliBinPath, cliEnv, installedCliVersions, REPO_ROOT, startChatml, startFakeApi, tempDir } from "../e2e/harness/index.ts";
import { ChatmlClient } from "../e2e/support/chatml-client.ts";
import { descendants } from "../e2e/support/process-tree.ts";
import { chatmlEntry } from "./support/chatml-entry.ts";
import { report, round } from "./support/bench-server.ts";

const ROOT = process.env.CHATML_ROOT ?? REPO_ROOT;
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 5);
const CLI_VERSION = installedCliVersions().at(-1);
if (!CLI_VERSION) throw new Error("No pinned Claude Code CLI is installed: run scripts/install-cli.sh.");

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
/** User + system CPU time of a live process, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
/** The CLI is the `claude` executable; anything else under the server (its launch wrapper, MCP servers) is ChatML's. */
function kindOf(command: string): string {
  const program = command.split(" ")[0]?.split("/").pop() ?? "?";
  if (/^claude(\.exe)?$/.test(program)) return "Claude Code CLI";
  if (command.includes("mcp-server")) return "built-in MCP server (before ADR 0054)";
  return program;
}

const entry = await chatmlEntry(ROOT);
const api = await startFakeApi({ port: 0 });
const server = await startChatml({
  dataDir: tempDir("chatml-bench-footprint"),
  claudeBin: cliBinPath(CLI_VERSION),
  env: cliEnv({ apiUrl: api.url, home: tempDir("chatml-bench-footprint-home") }),
  script: join(ROOT, "bin", "chatml.ts"),
});
const client = new ChatmlClient({ url: server.origin, token: server.token });
try {
  await Bun.sleep(2000);
  const idleRss = rssMiB(server.proc.pid);
  const idleCpu = cpuMs(server.proc.pid);
  const ids: string[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) ids.push((await client.startInFolder(await makeTempRepo("chatml-bench-footprint-"))).id);
  await client.connect(ids);
  for (const id of ids) await client.turnAllowingAll(id, "Hello @@text");
  await Bun.sleep(2000);
  const kinds = new Map<string, { processes: number; rss: number; cpu: number }>();
  for (const row of descendants(server.proc.pid)) {
    const kind = kindOf(row.command);
    const totals = kinds.get(kind) ?? { processes: 0, rss: 0, cpu: 0 };
    kinds.set(kind, { processes: totals.processes + 1, rss: totals.rss + rssMiB(row.pid), cpu: totals.cpu + cpuMs(row.pid) });
  }
  const growth = rssMiB(server.proc.pid) - idleRss;
  const cli = kinds.get("Claude Code CLI") ?? { processes: 0, rss: 0, cpu: 0 };
  const others = [...kinds].filter(([kind]) => kind !== "Claude Code CLI");
  const chatmlRss = growth + others.reduce((sum, [, totals]) => sum + totals.rss, 0);
  const serverCpu = cpuMs(server.proc.pid) - idleCpu;
  const chatmlCpu = serverCpu + others.reduce((sum, [, totals]) => sum + totals.cpu, 0);
  const rows = [
    ...[...kinds].map(([kind, totals]) => ({
      "per conversation": kind === "Claude Code CLI" ? `${kind} (floor)` : kind,
      processes: round(totals.processes / CONVERSATIONS, 2),
      "RSS MiB": round(totals.rss / CONVERSATIONS),
      "CPU ms": Math.round(totals.cpu / CONVERSATIONS),
    })),
    { "per conversation": "the server, over its idle", processes: 0, "RSS MiB": round(growth / CONVERSATIONS), "CPU ms": Math.round(serverCpu / CONVERSATIONS) },
    { "per conversation": "ChatML's share / floor", processes: 0, "RSS MiB": round(chatmlRss / cli.rss, 3), "CPU ms": round(chatmlCpu / cli.cpu, 3) },
  ];
  report(`conversation footprint (${ROOT === REPO_ROOT ? "this checkout" : ROOT}, ${entry}, CLI ${CLI_VERSION}, ${CONVERSATIONS} conversations)`, rows, {
    entry,
    cliVersion: CLI_VERSION,
    conversations: CONVERSATIONS,
    serverIdleRss: idleRss,
    serverGrowth: growth,
    serverCpu,
    kinds: Object.fromEntries(kinds),
  });
} finally {
  client.disconnect();
  await server.stop();
  await api.stop();
}
process.exit(0);
