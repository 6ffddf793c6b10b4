import { guardedArgv, groupMembers, newProcessTag, PROCESS_TAG_VAR, signalGroup, signalQuietly, stopTagged, taggedProcesses } from "../../claude/process-guard.ts";
import { noPromptsEnv } from "../../git/no-prompts.ts";

/** A setup script runs at most this long. */
export const SCRIPT_TIMEOUT_MS = 15 * 60_000;
/** How long the script's processes get to end after SIGTERM before they are killed. */
const STOP_GRACE_MS = 3_000;
/** How long output may still arrive once the script's processes are gone (a daemon that left may hold the pipe). */
const DRAIN_MS = 2_000;

/** How a setup script ended. `leftovers`: processes it left running in the background, which were stopped. */
export type ScriptOutcome =
  | { kind: "exited"; code: number; leftovers: number }
  | { kind: "killed"; signal: string; leftovers: number }
  | { kind: "timed-out"; leftovers: number }
  | { kind: "stopped"; reason: string; leftovers: number };

export type ScriptOptions = {
  cwd: string;
  env: Record<string, string>;
  onOutput: (text: string) => void;
  /** Stops the script and everything it started; the signal's reason (a string) says why. */
  signal?: AbortSignal;
  timeoutMs?: number;
};

/**
 * Runs a workspace's setup script (ADR 0058) and resolves when it and every process it started are gone.
 *
 * - It runs under the CLI's guard (ADR 0008), in a session of its own: it dies with ChatML, even a killed ChatML, and
 *   it has no terminal, so a `sudo` or `ssh` that would ask on the terminal ChatML was started from fails at once
 *   instead of waiting there unseen (git gets {@link noPromptsEnv} as well).
 * - Its life ends when the script exits. A process it left in the background (`npm run dev &`) would hold the output
 *   pipes open, so the setup would never finish, and would outlive the session with no place to see or stop it: it is
 *   stopped, and the outcome counts it. Every process carries a tag, so one that left the group is found too.
 * - A stop (the signal) or the timeout ends the whole group: SIGTERM, then SIGKILL after a grace period.
 */
export async function runSetupScript(script: string, options: ScriptOptions): Promise<ScriptOutcome> {
  if (options.signal?.aborted) return { kind: "stopped", reason: abortReason(options.signal), leftovers: 0 };
  const tag = newProcessTag();
  // The user's own script is shell by nature; it is passed as one argument, never spliced into a command line.
  const proc = Bun.spawn(guardedArgv([scriptShell(), "-c", script]), {
    cwd: options.cwd,
    env: { ...process.env, ...noPromptsEnv(), ...options.env, [PROCESS_TAG_VAR]: tag },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    detached: true,
  });
  const stopEverything = () => stopGroup(proc.pid, tag);
  type Ending = { kind: "timed-out" } | { kind: "stopped"; reason: string };
  const endings: Ending[] = [];
  const end = (why: Ending) => {
    endings.push(why);
    void stopEverything();
  };
  const timer = setTimeout(() => end({ kind: "timed-out" }), options.timeoutMs ?? SCRIPT_TIMEOUT_MS);
  const onAbort = () => end({ kind: "stopped", reason: abortReason(options.signal) });
  options.signal?.addEventListener("abort", onAbort, { once: true });

  const readers = [proc.stdout.getReader(), proc.stderr.getReader()];
  const pumped = Promise.all(readers.map((reader) => pump(reader, options.onOutput)));
  try {
    const code = await proc.exited;
    const leftovers = await stopEverything();
    await Promise.race([pumped, Bun.sleep(DRAIN_MS)]);
    await Promise.all(readers.map((reader) => reader.cancel().catch(() => undefined)));
    // A stop or timeout that came while the script was ending still names what ended it; what it stopped are not
    // leftovers of a script that ended by itself.
    const cause = endings[0];
    if (cause) return { ...cause, leftovers: 0 };
    if (proc.signalCode) return { kind: "killed", signal: String(proc.signalCode), leftovers };
    return { kind: "exited", code, leftovers };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

/** Ends the script's group and tagged processes: SIGTERM, then SIGKILL for what is left after the grace period. How many there were. */
async function stopGroup(pgid: number, tag: string): Promise<number> {
  const alive = () => new Set([...groupMembers(pgid), ...taggedProcesses(tag)]);
  const found = alive();
  if (found.size === 0) return 0;
  signalGroup(pgid, "SIGTERM");
  for (const pid of found) signalQuietly(pid, "SIGTERM");
  const deadline = Date.now() + STOP_GRACE_MS;
  while (alive().size > 0 && Date.now() < deadline) await Bun.sleep(50);
  signalGroup(pgid, "SIGKILL");
  stopTagged(tag);
  return found.size;
}

async function pump(reader: ReadableStreamDefaultReader<Uint8Array>, onOutput: (text: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onOutput(decoder.decode(value, { stream: true }));
    }
  } catch {
    // Cancelled: a process that left the script's group still holds the pipe.
  }
  const tail = decoder.decode();
  if (tail) onOutput(tail);
}

let bash: string | null = null;
/**
 * bash where there is one: scripts are written with bash in mind (`source .env`, `[[ … ]]`), and `/bin/sh` is dash on
 * Debian and Ubuntu, where those fail ("source: not found"). `/bin/sh` otherwise.
 */
function scriptShell(): string {
  bash ??= Bun.which("bash") ?? "";
  return bash || "/bin/sh";
}

function abortReason(signal: AbortSignal | undefined): string {
  return typeof signal?.reason === "string" ? signal.reason : "stopped";
}
