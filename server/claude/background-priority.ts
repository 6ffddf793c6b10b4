/**
 * Background CLIs (a title, an archive's or a run's summary: nobody waits on them) run at a lower CPU priority than the
 * conversations, so on a small machine they take what the streaming leaves instead of competing with it (ADR 0205).
 * A one-shot is a whole CLI start, ~1.4 s of CPU with a real CLI; twenty new conversations start twenty titles.
 *
 * Two levers, because on Linux one alone often does nothing:
 * - `nice`, in the argv: set before the CLI's exec, so the CLI, each of its threads and every process it starts inherit
 *   it (`os.setPriority` on a pid changes only that process's main thread on Linux, and would race the guard's fork).
 * - The session's autogroup: every CLI runs in a session of its own (the process guard's `setsid`, ADR 0008), and with
 *   the kernel's autogroup scheduling (on by default on many distributions, and on the bench machine) the scheduler
 *   first shares the CPU fairly between sessions and only then by `nice` within one. A busy loop at nice 19 in its own
 *   session got as much CPU as one at nice 0 in another (150 / 150 ticks); with its session's autogroup at 19 too,
 *   5 / 286. So the guard's autogroup, which the whole session shares, is lowered as well.
 * It only matters when the CPU is short: then titles and summaries arrive later, never sooner.
 */
/**
 * A third of a conversation's share when the CPU is short, not `nice`'s usual tenth: at load 12 on 2 cores a title
 * took 2–3 s at 0, 7.5–10 s at 5 and 15–25 s at 10, and at 10 none ended within a paced bench run (ADR 0205).
 */
export const BACKGROUND_NICENESS = 5;

let nicePath: string | null | undefined;
const warned = new Set<string>();

/**
 * `argv` started at the background priority, under `nice`. Where there is no `nice` (not Linux or macOS) the argv is
 * unchanged and the server says once that background CLIs run at normal priority.
 * @example Bun.spawn(guardedArgv(atBackgroundPriority([bin, "-p"])), { detached: true })
 */
export function atBackgroundPriority(argv: string[], nice: string | null = niceCommand()): string[] {
  if (nice) return [nice, "-n", String(BACKGROUND_NICENESS), ...argv];
  warnOnce("no-nice", "no `nice` command on this system: background CLIs (titles, summaries) run at normal priority");
  return argv;
}

function niceCommand(): string | null {
  if (nicePath === undefined) nicePath = Bun.which("nice");
  return nicePath;
}

/**
 * Lowers the autogroup of the session `sessionLeader` leads (a guard spawned `detached`) to the background priority.
 * Every process of the session shares it, those already started too. A no-op where there is none: not Linux, a kernel
 * without autogroups (then `nice` alone works), or a process already gone; any other failure is said once.
 */
export async function lowerSessionPriority(sessionLeader: number): Promise<void> {
  if (process.platform !== "linux") return;
  try {
    await Bun.write(`/proc/${sessionLeader}/autogroup`, String(BACKGROUND_NICENESS), { createPath: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    warnOnce("autogroup", `could not lower the CPU priority of background CLIs' sessions (${error instanceof Error ? error.message : String(error)}): with the kernel's autogroups they compete with the conversations at normal priority`);
  }
}

function warnOnce(reason: string, message: string): void {
  if (warned.has(reason)) return;
  warned.add(reason);
  console.warn(`[one-shot] ${message}`);
}
