import type { FileSink } from "bun";
import { AppError } from "../../../shared/protocol/errors.ts";
import { atBackgroundPriority, lowerSessionPriority } from "../../claude/background-priority.ts";
import { guardedArgv, newProcessTag, PROCESS_TAG_VAR, signalGroup } from "../../claude/process-guard.ts";
import { pauseBelowLeaderOnceStarted, resumeGroup } from "../../lib/process-group.ts";
import type { RunningTurns } from "../ports.ts";
import { createHeldLane, runningTimeout, type Hold } from "./one-shot-hold.ts";

/** Runs one prompt through the CLI and answers its final text; rejects when the CLI fails. */
export type OneShot = (prompt: string, options: OneShotOptions) => Promise<string>;

export type OneShotOptions = {
  cwd: string;
  env?: Record<string, string>;
  /** e.g. "haiku" for cheap summaries. */
  model?: string;
  /**
   * Someone is waiting on the answer (a commit message or pull request draft, a goal's plan): the call runs in its own
   * lane, so it never queues behind background work (titles, summaries), which may be slow or hung, and at normal CPU
   * priority; background calls run at a lower one, below the conversations (ADR 0205).
   */
  foreground?: boolean;
};

/**
 * Replaces the CLI's default system prompt (several KB of agent instructions, sent with every call): one-shots are
 * text in, text out, with no tools.
 */
export const ONE_SHOT_SYSTEM_PROMPT = "You help a developer tool with short writing tasks. Follow the request exactly and answer with only what it asks for.";

/**
 * A one-shot call that runs longer is cut off (titles and summaries are nice to have, never worth a hang); the time it
 * spends paused does not count.
 */
const TIMEOUT_MS = 90_000;

/**
 * One-shot CLIs running at once per lane, server-wide. Each is a whole CLI process (178 MB peak RSS for a title with
 * 2.1.332): twenty conversations started together would otherwise start twenty of them beside the conversations' own
 * CLIs. The rest wait their turn, first come first served. Background calls are never urgent (titles have a quick
 * stand-in); foreground calls have a lane of their own, so at most twice this many run at once.
 */
const MAX_RUNNING = 2;

/**
 * Background calls wait, and running ones are paused, while this many turns or more run (ADR 0204): twice the cores,
 * and never fewer than 3. A one-shot is a whole CLI start (1.4–1.8 s of CPU) and the lane runs two, so on a 2-core
 * machine they can take both cores from the turns streaming beside them; on 8 cores they take a quarter. Below the
 * count a title comes at once, as it must for the common case of one to three conversations running; real turns last
 * minutes, so a count any lower would hold most titles for the whole cap.
 */
export const HOLD_AT_TURNS = Math.max(3, 2 * navigator.hardwareConcurrency);
/**
 * A background call asked this long ago is never held again: it starts (or resumes) and runs at its low priority,
 * so a title or summary always arrives. Below the CLI's own stream watchdogs (180 s and more), so a CLI paused while
 * its request is out reads the answer waiting in its socket when it resumes.
 */
const HOLD_CAP_MS = 60_000;

/** What {@link createOneShot} may be given beside the CLI's path; the defaults are the server's. */
export type OneShotLimits = {
  /** Calls at once per lane. */
  maxRunning?: number;
  /** The turns running now: background calls yield to them (none: never held). */
  turns?: RunningTurns;
  holdAtTurns?: number;
  holdCapMs?: number;
  /** A call running (not paused) this long is cut off. */
  timeoutMs?: number;
};

/**
 * A {@link OneShot} over `claude -p --output-format json` with no tools and a minimal system prompt, the prompt on stdin, in the session folder
 * and with the server's environment (so it uses the same account or API as the conversations). At most `maxRunning`
 * of its background calls, and as many foreground ones, run at once; background calls yield to running turns
 * (`turns`, ADR 0204), foreground ones never wait on them. Compose one per server and share it.
 * @example const title = await createOneShot(async () => "/usr/bin/claude")("Name this…", { cwd });
 */
export function createOneShot(binPath: () => Promise<string | null>, limits: OneShotLimits = {}): OneShot {
  const { maxRunning = MAX_RUNNING, turns, holdAtTurns = HOLD_AT_TURNS, holdCapMs = HOLD_CAP_MS, timeoutMs = TIMEOUT_MS } = limits;
  const background = createHeldLane({ width: maxRunning, holdAt: holdAtTurns, holdCapMs }, turns);
  const foreground = createHeldLane({ width: maxRunning, holdAt: Number.POSITIVE_INFINITY, holdCapMs: 0 });
  return (prompt, options) => (options.foreground ? foreground : background)(async (hold) => runOneShot(await binPath(), prompt, options, { hold, timeoutMs }));
}

async function runOneShot(bin: string | null, prompt: string, { cwd, env, model, foreground = false }: OneShotOptions, { hold, timeoutMs }: { hold: Hold; timeoutMs: number }): Promise<string> {
  if (!bin) throw new AppError("cli_not_found", "The Claude Code CLI was not found.");
  // Paused before it started (the turns rose while its path was looked up): nothing runs to pause, so it waits.
  if (hold.isPaused) await new Promise<void>((resume) => hold.watch((isPaused) => isPaused || resume()));
  // Guarded like every CLI: it dies with the server (ADR 0008).
  // --no-session-persistence (both pinned CLIs): a one-shot leaves no transcript, so it is never listed among the
  // user's own Claude Code sessions (see outside-sessions.ts for the ones written before).
  const argv = [bin, "-p", "--output-format", "json", "--no-session-persistence", "--tools", "", "--system-prompt", ONE_SHOT_SYSTEM_PROMPT, ...(model ? ["--model", model] : [])];
  const proc = Bun.spawn(guardedArgv(foreground ? argv : atBackgroundPriority(argv)), {
    cwd,
    env: { ...process.env, ...env, [PROCESS_TAG_VAR]: newProcessTag() },
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
    detached: true,
  });
  // Paused, the CLI and what it started are stopped, not its guard: it still ends them all if the server dies.
  // A pause in the guard's first moments finds no CLI under it yet: it looks again until it pauses one.
  const pause = () => void pauseBelowLeaderOnceStarted(proc.pid, () => hold.isPaused && proc.exitCode === null);
  hold.watch((isPaused) => (isPaused ? pause() : resumeGroup(proc.pid)));
  const cancelTimeout = runningTimeout(timeoutMs, hold, () => signalGroup(proc.pid, "SIGKILL") || proc.kill("SIGKILL"));
  try {
    // The prompt goes in once the session is at its priority, so the CLI does its work there (lowering it takes a
    // fraction of a millisecond, and a CLI reads nothing before its prompt). One already gone takes no input: its exit
    // says why.
    if (!foreground) await lowerSessionPriority(proc.pid);
    const output = Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    await writePrompt(proc.stdin, prompt);
    const [stdout, stderr, code] = await output;
    return readResult(stdout, stderr, code);
  } finally {
    cancelTimeout();
  }
}

/**
 * Writes the prompt and closes the CLI's input. A CLI gone before it read all of it (a prompt longer than the pipe
 * holds: a pasted log, a diff) breaks the pipe, and the write fails with EPIPE, which is not the reason: its exit and
 * stderr are, read next. Awaited, so the failure is handled here: a write left pending can reject after the input
 * was closed without error, unhandled, and in Bun 1.4.5 that ends the process (the server).
 */
async function writePrompt(stdin: FileSink, prompt: string): Promise<void> {
  try {
    await stdin.write(prompt);
    await stdin.end();
  } catch {
    // The CLI's exit says why.
  }
}

function readResult(stdout: string, stderr: string, code: number): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
  } catch (error) {
    throw new AppError("cli_unavailable", `The CLI answered no JSON (exit ${code}): ${stderr.trim().slice(0, 200) || String(error)}`);
  }
  const result = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  if (result.is_error === true || typeof result.result !== "string") {
    throw new AppError("cli_unavailable", `The CLI call failed: ${String(result.result ?? result.subtype ?? code).slice(0, 200)}`);
  }
  return result.result;
}
