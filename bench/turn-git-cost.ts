/**
 * What a turn in a git repository costs next to one in a plain folder (issue 16): K conversations (5), each in its own
 * folder, run R rounds (10) of a tiny turn at the same moment. Before a turn ChatML takes its file checkpoint, and the
 * workbench records the work tree at the turn's start and end ("in this turn"); after it the session's git state is
 * read again. A plain folder does none of that: it is the floor. Per turn, for each kind of folder:
 *   server ms — the ChatML process's own CPU (spawning git is most of it in a repository)
 *   git ms    — the CPU of the git processes it ran (children's CPU, from /proc)
 *   git runs  — how many git processes it started (counted by a `git` on PATH that logs, then runs the real one)
 * The repositories hold GIT_FILES (300) committed files, a third of them edited and 20 untracked ones, as a user's
 * session mid-work does; each turn writes a file, as Claude's turns do, before it ends. `--watch`: a browser socket
 * subscribed to every conversation watches, as a device does, and the session updates the refresh publishes are
 * counted, and with its Files tab open it asks for the changed paths' marks on each update, as the web app does.
 * `bun bench/turn-git-cost.ts [--watch]` (CHATML_ROOT=<checkout> measures another checkout's server,
 * BENCH_PORT=<port> puts it on that port.)
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../e2e/harness/index.ts";
import { api, openSocket, sendText } from "./support/bridge-client.ts";
import { report, round, startServerProcess, waitIdle } from "./support/bench-server.ts";
import { cpuMs } from "./support/proc-cpu.ts";

const K = Number(process.env.BENCH_CONVERSATIONS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const FILES = Number(process.env.GIT_FILES ?? 300);
const IS_WATCHED = process.argv.includes("--watch");
/** Time for what a turn's end starts in the background (the end snapshot, the git refresh) to finish. */
const SETTLE_MS = 1500;

/** A `git` that appends its arguments to a log for each run, then runs the real git. */
function countingGit(): { bin: string; runs: () => string[] } {
  const dir = tempDir("chatml-bench-git-shim");
  const log = join(dir, "runs.log");
  writeFileSync(log, "");
  const real = Bun.which("git");
  if (!real) throw new Error("git is not on PATH");
  writeFileSync(join(dir, "git"), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(dir, "git"), 0o755);
  return { bin: dir, runs: () => readFileSync(log, "utf8").split("\n").slice(0, -1) };
}

function git(cwd: string, ...args: string[]): void {
  const result = Bun.spawnSync(["git", ...args], { cwd, stderr: "pipe" });
  if (result.exitCode !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr.toString()}`);
}

/** A repository mid-work: FILES committed files, every third edited since, and 20 new untracked ones. */
function repositoryMidWork(): string {
  const dir = tempDir("chatml-bench-repo");
  git(dir, "init", "-q", "-b", "main");
  for (let i = 0; i < FILES; i++) {
    mkdirSync(join(dir, `src/${i % 10}`), { recursive: true });
    writeFileSync(join(dir, `src/${i % 10}/file-${i}.ts`), `export const value${i} = ${i};\n`.repeat(40));
  }
  git(dir, "add", "-A");
  git(dir, "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-q", "-m", "initial");
  for (let i = 0; i < FILES; i += 3) writeFileSync(join(dir, `src/${i % 10}/file-${i}.ts`), `export const edited${i} = ${i};\n`.repeat(41));
  for (let i = 0; i < 20; i++) writeFileSync(join(dir, `new-${i}.md`), `# note ${i}\n`.repeat(30));
  return dir;
}

/** CPU (ms) the process's waited-for children used so far (cutime + cstime). */
function childrenCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

/** A git run's subcommand, with its first argument when that is an option (`rev-parse --git-path`, `add --all`). */
function subcommand(args: string): string {
  const words = args.split(" ");
  // ChatML's global options come first, each with its value: `-C <dir>`, `-c <name>=<value>`.
  while (words[0] === "-C" || words[0] === "-c") words.splice(0, 2);
  return words.slice(0, words[1]?.startsWith("-") ? 2 : 1).join(" ");
}

async function measure(kind: "plain folder" | "git repository"): Promise<{ row: Record<string, string | number>; runs: string[] }> {
  const shim = countingGit();
  const server = await startServerProcess("stdio", { env: { PATH: `${shim.bin}:${process.env.PATH}` } });
  try {
    const folders = Array.from({ length: K }, () => (kind === "git repository" ? repositoryMidWork() : tempDir("chatml-bench-folder")));
    const ids: string[] = [];
    const sessionIds: string[] = [];
    for (const path of folders) {
      const { conversation } = await api<{ conversation: { id: string; sessionId: string } }>(server, "/api/start", { path });
      ids.push(conversation.id);
      sessionIds.push(conversation.sessionId);
    }
    // One untimed turn each: every CLI launched, every folder's git state read once.
    await Promise.all(ids.map((id) => sendText(server, id, "stream 5 0 0")));
    await waitIdle(server, ids);
    // A device watching: it is sent each session's git state the refresh after a turn publishes.
    let sessionUpdates = 0;
    // The device has the Files tab open: each session update it is sent has it ask for the changed paths' marks.
    const filesTabReads: Promise<unknown>[] = [];
    const onFrame = (text: string) => {
      if (!text.includes('"kind":"session"')) return;
      sessionUpdates++;
      const sessionId = sessionIds.find((id) => text.includes(`"id":"${id}"`));
      if (sessionId && kind === "git repository") filesTabReads.push(api(server, `/api/sessions/${sessionId}/changes/paths`).catch(() => null));
    };
    const socket = IS_WATCHED ? await openSocket(server, ids, (frame) => onFrame(JSON.stringify(frame))) : null;
    // Asking for a session's git state starts watching it (SessionService.refreshGit): a folder session made by
    // /api/start is otherwise not watched until the server restarts, and no refresh would run.
    if (IS_WATCHED && kind === "git repository") await Promise.all(sessionIds.map((id) => api(server, `/api/sessions/${id}/git`, {})));
    await Bun.sleep(SETTLE_MS);
    const before = { server: cpuMs(server.pid), git: childrenCpuMs(server.pid), runs: shim.runs().length, sessionUpdates };
    for (let r = 0; r < ROUNDS; r++) {
      // Each turn writes a file before it ends, as Claude's do: the session's git state is read again after it.
      await Promise.all(ids.map((id, i) => sendText(server, id, `write ${join(folders[i] ?? "", `turn-${i}.md`)} round ${r}`)));
      await waitIdle(server, ids);
      await Bun.sleep(SETTLE_MS);
      await Promise.all(filesTabReads.splice(0));
    }
    const turns = K * ROUNDS;
    const runs = shim.runs().slice(before.runs);
    const row = {
      folder: kind,
      "server ms per turn": round((cpuMs(server.pid) - before.server) / turns, 2),
      "git ms per turn": round((childrenCpuMs(server.pid) - before.git) / turns, 2),
      "git runs per turn": round(runs.length / turns, 1),
      ...(IS_WATCHED ? { "session updates seen per turn": round((sessionUpdates - before.sessionUpdates) / turns, 1) } : {}),
    };
    socket?.close();
    return { row, runs: runs.map(subcommand) };
  } finally {
    await server.stop();
  }
}

const { row: floor } = await measure("plain folder");
const { row: repository, runs } = await measure("git repository");
const ratio = { folder: "repository ÷ floor", "server ms per turn": `${round(Number(repository["server ms per turn"]) / Number(floor["server ms per turn"]), 1)}×`, "git ms per turn": "", "git runs per turn": "" };
report(`a turn in a git repository (${FILES} files, a third edited) against a plain folder: ${K} conversations × ${ROUNDS} rounds`, [floor, repository, ratio], { floor, repository });
const counts = new Map<string, number>();
for (const run of runs) counts.set(run, (counts.get(run) ?? 0) + 1);
const bySubcommand = [...counts].map(([git, count]) => ({ git, "runs per turn": round(count / (K * ROUNDS), 1) }));
report("the git runs of a turn in the repository, by subcommand", bySubcommand.sort((a, b) => b["runs per turn"] - a["runs per turn"]), bySubcommand);
