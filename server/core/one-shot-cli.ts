import { AppError } from "../../shared/protocol/errors.ts";
import { atBackgroundPriority, lowerSessionPriority } from "../claude/background-priority.ts";
import { guardedArgv, newProcessTag, PROCESS_TAG_VAR, signalGroup } from "../claude/process-guard.ts";

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

/** A one-shot call that takes longer is cut off (titles and summaries are nice to have, never worth a hang). */
const TIMEOUT_MS = 90_000;

/**
 * One-shot CLIs running at once per lane, server-wide. Each is a whole CLI process (178 MB peak RSS for a title with
 * 2.1.332): twenty conversations started together would otherwise start twenty of them beside the conversations' own
 * CLIs. The rest wait their turn, first come first served. Background calls are never urgent (titles have a quick
 * stand-in); foreground calls have a lane of their own, so at most twice this many run at once.
 */
const MAX_RUNNING = 2;

/**
 * A {@link OneShot} over `claude -p --output-format json` with no tools and a minimal system prompt, the prompt on stdin, in the session folder
 * and with the server's environment (so it uses the same account or API as the conversations). At most `maxRunning`
 * of its background calls, and as many foreground ones, run at once: compose one per server and share it.
 * @example const title = await createOneShot(async () => "/usr/bin/claude")("Name this…", { cwd });
 */
export function createOneShot(binPath: () => Promise<string | null>, { maxRunning = MAX_RUNNING }: { maxRunning?: number } = {}): OneShot {
  const background = createLane(maxRunning);
  const foreground = createLane(maxRunning);
  return (prompt, options) => (options.foreground ? foreground : background)(async () => runOneShot(await binPath(), prompt, options));
}

/** Runs at most `limit` tasks at once; the others wait their turn, first come first served. */
function createLane(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next caller, so a new call cannot overtake the ones already waiting.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

async function runOneShot(bin: string | null, prompt: string, { cwd, env, model, foreground = false }: OneShotOptions): Promise<string> {
  if (!bin) throw new AppError("cli_not_found", "The Claude Code CLI was not found.");
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
  const timer = setTimeout(() => signalGroup(proc.pid, "SIGKILL") || proc.kill("SIGKILL"), TIMEOUT_MS);
  try {
    // The prompt goes in once the session is at its priority, so the CLI does its work there (lowering it takes a
    // fraction of a millisecond, and a CLI reads nothing before its prompt). One already gone takes no input: its exit
    // says why.
    if (!foreground) await lowerSessionPriority(proc.pid);
    proc.stdin.write(prompt);
    await proc.stdin.end();
    const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    return readResult(stdout, stderr, code);
  } finally {
    clearTimeout(timer);
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
