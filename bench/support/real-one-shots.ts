import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { REPLAY_CLI_SCRIPT } from "../../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { cliBinPath, cliEnv, installedCliVersions, REPO_ROOT, tempDir } from "../../e2e/harness/index.ts";

/** One `claude -p` the server ran: when it started and ended (epoch ms), the CPU it used (ms) and its exit code. */
export type OneShotRun = { start: number; end: number; cpuMs: number; code: number };

/** A `claude` for a bench server whose one-shots are real, and what they cost. */
export type RealOneShots = { bin: string; cliVersion: string; runs: () => Promise<OneShotRun[]>; stop: () => Promise<void> };

/**
 * One-shots as a user pays for them. The replaying CLI answers a `claude -p` (a title, a summary) at once with no JSON
 * ("no AI title … exit 1" in a bench's log), so a bench with it leaves out what each costs with a real CLI: a whole
 * CLI start, ~1.4–1.8 s of CPU. This writes a `claude` that runs the replaying CLI for conversations and, for `-p`,
 * the newest pinned CLI installed (scripts/install-cli.sh) against the fake API, in a process of its own so the bench's
 * client does not pay for it. The real CLI rather than a replay that burns CPU: its start, its threads and its API
 * round trip are what a title costs, with nothing to calibrate. Each one-shot's start, end and CPU (its children's
 * times, from the shell that waits on it) are logged. Null when no pinned CLI is installed.
 */
export async function startRealOneShots(): Promise<RealOneShots | null> {
  const cliVersion = installedCliVersions().at(-1);
  if (!cliVersion) return null;
  const api = Bun.spawn([process.execPath, join(REPO_ROOT, "e2e/fake-api/main.ts"), "--quiet"], { stdout: "pipe", stderr: "inherit" });
  const url = /listening on (\S+)/.exec(new TextDecoder().decode((await api.stdout.getReader().read()).value))?.[1];
  if (!url) throw new Error("the fake API did not say where it listens");
  const dir = tempDir("chatml-bench-one-shots");
  const log = join(dir, "one-shots.log");
  await writeFile(log, "");
  const env = Object.entries(cliEnv({ apiUrl: url, home: join(dir, "home") })).map(([key, value]) => `${key}=${shellQuoted(value)}`);
  const script = [
    "#!/bin/sh",
    // A one-shot asks for one JSON answer; a conversation (also `-p`) for stream-json.
    'case " $* " in',
    '  *" --output-format json "*)',
    "    start=$(date +%s%3N)",
    `    env ${env.join(" ")} ${shellQuoted(cliBinPath(cliVersion))} "$@"`,
    "    code=$?",
    // `times` prints the shell's own times, then its children's: the CLI's user and system CPU. Not in a `$(…)`: a
    // subshell has no children yet.
    `    times > "${dir}/times.$$"`,
    `    echo "$start $(date +%s%3N) $(tail -n 1 "${dir}/times.$$") $code" >> ${shellQuoted(log)}`,
    `    rm -f "${dir}/times.$$"`,
    '    exit "$code";;',
    "esac",
    `exec ${shellQuoted(process.execPath)} ${shellQuoted(REPLAY_CLI_SCRIPT)} "$@"`,
  ].join("\n");
  const bin = join(dir, "claude");
  await writeFile(bin, `${script}\n`);
  await chmod(bin, 0o755);
  return { bin, cliVersion, runs: async () => parseRuns(await readFile(log, "utf8")), stop: async () => (api.kill(), void (await api.exited)) };
}

/** Each line: `<start ms> <end ms> <user>m<s>s <system>m<s>s <code>`, as the wrapper writes it. */
function parseRuns(log: string): OneShotRun[] {
  return log.trim().split("\n").filter(Boolean).map((line) => {
    const [start, end, user, system, code] = line.split(" ");
    return { start: Number(start), end: Number(end), cpuMs: Math.round(seconds(user!) * 1000 + seconds(system!) * 1000), code: Number(code) };
  });
}

/** `1m2.500000s` → 62.5 */
function seconds(time: string): number {
  const [, minutes, secs] = /^(\d+)m([\d.]+)s$/.exec(time) ?? [];
  return Number(minutes ?? 0) * 60 + Number(secs ?? 0);
}

function shellQuoted(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * The one-shots that overlapped [from, to] (epoch ms) and the CPU they used in it, each's CPU taken as spread evenly
 * over its run (it is mostly the CLI's start, then a short wait for the API).
 */
export function oneShotsBetween(runs: OneShotRun[], from: number, to: number): { count: number; cpuMs: number } {
  let count = 0;
  let cpuMs = 0;
  for (const run of runs) {
    const overlap = Math.min(run.end, to) - Math.max(run.start, from);
    if (overlap <= 0) continue;
    count++;
    cpuMs += (run.cpuMs * overlap) / Math.max(1, run.end - run.start);
  }
  return { count, cpuMs: Math.round(cpuMs) };
}

/** e.g. "17 one-shots ended (17 answered): wall 1.4 s median, 9.8 s longest; CPU 1,260 ms median" */
export function describeOneShots(runs: OneShotRun[]): string {
  const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const walls = runs.map((run) => run.end - run.start);
  const answered = runs.filter((run) => run.code === 0).length;
  return `${runs.length} one-shots ended (${answered} answered): wall ${(median(walls) / 1000).toFixed(1)} s median, ${(Math.max(0, ...walls) / 1000).toFixed(1)} s longest; CPU ${median(runs.map((run) => run.cpuMs)).toLocaleString("en")} ms median`;
}
