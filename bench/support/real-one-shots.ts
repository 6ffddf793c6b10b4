import { readFileSync } from "node:fs";
import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { REPLAY_CLI_SCRIPT } from "../../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { cliBinPath, cliEnv, installedCliVersions, REPO_ROOT, tempDir } from "../../e2e/harness/index.ts";

/** One `claude -p` the server ran: its pid, when it started and ended (epoch ms), the CPU it used (ms) and its exit code. */
export type OneShotRun = { pid: number; start: number; end: number; cpuMs: number; code: number };

/** The CPU (ms) each one-shot CLI alive at one moment had used by then, by pid. */
export type OneShotCpu = Map<number, number>;

/** A `claude` for a bench server whose one-shots are real, and what they cost. */
export type RealOneShots = { bin: string; cliVersion: string; runs: () => Promise<OneShotRun[]>; cpuNow: () => OneShotCpu; stop: () => Promise<void> };

/**
 * One-shots as a user pays for them. The replaying CLI answers a `claude -p` (a title, a summary) at once, from a
 * process that starts no CLI and asks no API, so a bench with it leaves out what each costs with a real CLI: a whole
 * CLI start, ~1.4–1.8 s of CPU. This writes a `claude` that runs the replaying CLI for conversations and, for `-p`,
 * the newest pinned CLI installed (scripts/install-cli.sh) against the fake API, in a process of its own so the bench's
 * client does not pay for it. The real CLI rather than a replay that burns CPU: its start, its threads and its API
 * round trip are what a title costs, with nothing to calibrate. Each one-shot's pid, start, end and CPU (its
 * children's times, from the shell that waits on it) are logged, and the pids of those started, so the CPU of the live
 * ones can be read at a moment ({@link RealOneShots.cpuNow}): a one-shot paused for most of its run (ADR 0204) used its
 * CPU unevenly. Null when no pinned CLI is installed.
 */
export async function startRealOneShots(): Promise<RealOneShots | null> {
  const cliVersion = installedCliVersions().at(-1);
  if (!cliVersion) return null;
  const api = Bun.spawn([process.execPath, join(REPO_ROOT, "e2e/fake-api/main.ts"), "--quiet"], { stdout: "pipe", stderr: "inherit" });
  const url = /listening on (\S+)/.exec(new TextDecoder().decode((await api.stdout.getReader().read()).value))?.[1];
  if (!url) throw new Error("the fake API did not say where it listens");
  const dir = tempDir("chatml-bench-one-shots");
  const log = join(dir, "one-shots.log");
  const started = join(dir, "started.log");
  await writeFile(log, "");
  await writeFile(started, "");
  const env = Object.entries(cliEnv({ apiUrl: url, home: join(dir, "home") })).map(([key, value]) => `${key}=${shellQuoted(value)}`);
  const script = [
    "#!/bin/sh",
    // A one-shot asks for one JSON answer; a conversation (also `-p`) for stream-json.
    'case " $* " in',
    '  *" --output-format json "*)',
    "    start=$(date +%s%3N)",
    // Started in the background (its stdin, the prompt, handed on: a background job's would be /dev/null) so its pid
    // is known while it runs.
    "    exec 3<&0",
    `    env ${env.join(" ")} ${shellQuoted(cliBinPath(cliVersion))} "$@" <&3 3<&- &`,
    "    pid=$!",
    `    echo "$pid" >> ${shellQuoted(started)}`,
    '    wait "$pid"',
    "    code=$?",
    // `times` prints the shell's own times, then its children's: the CLI's user and system CPU. Not in a `$(…)`: a
    // subshell has no children yet.
    `    times > "${dir}/times.$$"`,
    `    echo "$pid $start $(date +%s%3N) $(tail -n 1 "${dir}/times.$$") $code" >> ${shellQuoted(log)}`,
    `    rm -f "${dir}/times.$$"`,
    '    exit "$code";;',
    "esac",
    `exec ${shellQuoted(process.execPath)} ${shellQuoted(REPLAY_CLI_SCRIPT)} "$@"`,
  ].join("\n");
  const bin = join(dir, "claude");
  await writeFile(bin, `${script}\n`);
  await chmod(bin, 0o755);
  const cpuNow = () => cpuOfLive(readFileSync(started, "utf8").split("\n").filter(Boolean).map(Number));
  return { bin, cliVersion, runs: async () => parseRuns(await readFile(log, "utf8")), cpuNow, stop: async () => (api.kill(), void (await api.exited)) };
}

/** Each line: `<pid> <start ms> <end ms> <user>m<s>s <system>m<s>s <code>`, as the wrapper writes it. */
function parseRuns(log: string): OneShotRun[] {
  return log.trim().split("\n").filter(Boolean).map((line) => {
    const [pid, start, end, user, system, code] = line.split(" ");
    return { pid: Number(pid), start: Number(start), end: Number(end), cpuMs: Math.round(seconds(user!) * 1000 + seconds(system!) * 1000), code: Number(code) };
  });
}

/** The CPU (its own and its ended children's, ms) of each live process of `pids`; the ended ones are left out. */
function cpuOfLive(pids: number[]): OneShotCpu {
  const cpu: OneShotCpu = new Map();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] !== "Z") cpu.set(pid, (fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) * 1000) / CLOCK_TICKS);
    } catch {
      // Ended (and its pid free): its CPU is in the log.
    }
  }
  return cpu;
}

const CLOCK_TICKS = 100;

/** `1m2.500000s` → 62.5 */
function seconds(time: string): number {
  const [, minutes, secs] = /^(\d+)m([\d.]+)s$/.exec(time) ?? [];
  return Number(minutes ?? 0) * 60 + Number(secs ?? 0);
}

function shellQuoted(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * The one-shots that ran in [from, to] (epoch ms) and the CPU they used in it: for each, its CPU at `to` less its CPU
 * at `from`, read from `atFrom` and `atTo` (taken at those moments) while it ran, 0 before it started, all of it once
 * it ended. Exact whatever its pauses, unlike spreading its CPU over its run. A one-shot that never ended counts what
 * the readings saw.
 */
export function oneShotsBetween(runs: OneShotRun[], [from, atFrom]: [number, OneShotCpu], [to, atTo]: [number, OneShotCpu]): { count: number; cpuMs: number } {
  const byPid = new Map(runs.map((run) => [run.pid, run]));
  const cpuAt = (pid: number, at: number, read: OneShotCpu) => {
    const run = byPid.get(pid);
    return read.get(pid) ?? (run && at >= run.end ? run.cpuMs : 0);
  };
  // Alive at either moment, or ran between them.
  const pids = new Set([...atFrom.keys(), ...atTo.keys(), ...runs.filter((run) => run.end > from && run.start < to).map((run) => run.pid)]);
  const cpuMs = [...pids].reduce((sum, pid) => sum + Math.max(0, cpuAt(pid, to, atTo) - cpuAt(pid, from, atFrom)), 0);
  return { count: pids.size, cpuMs: Math.round(cpuMs) };
}

/** e.g. "17 one-shots ended (17 answered): wall 1.4 s median, 9.8 s longest; CPU 1,260 ms median" */
export function describeOneShots(runs: OneShotRun[]): string {
  const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const walls = runs.map((run) => run.end - run.start);
  const answered = runs.filter((run) => run.code === 0).length;
  return `${runs.length} one-shots ended (${answered} answered): wall ${(median(walls) / 1000).toFixed(1)} s median, ${(Math.max(0, ...walls) / 1000).toFixed(1)} s longest; CPU ${median(runs.map((run) => run.cpuMs)).toLocaleString("en")} ms median`;
}
