import { homedir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { parseCliVersion, type CliVersion } from "./cli-version.ts";
import { messageOf } from "../../shared/error-message.ts";

/** Where to look and with which environment. */
export type DiscoverOptions = {
  /** `--claude-bin` flag or the Claude Code binary setting: when set, only this binary is tried. */
  explicitPath?: string | null;
  /** Where `explicitPath` came from, for the error that names it (default `--claude-bin`). */
  explicitSource?: string;
  env: Record<string, string | undefined>;
  /** How long `<bin> --version` may take (default 10 s). */
  timeoutMs?: number;
};

/** A runnable CLI, or why there is none. */
export type DiscoverResult = { path: string; version: CliVersion } | { error: string };

const NOT_FOUND =
  "Claude Code CLI not found. Install it with `npm i -g @anthropic-ai/claude-code` or pass --claude-bin.";
/**
 * A path the user gave that runs no CLI: the fix is that path. "Not found … or pass --claude-bin" said "not found"
 * twice and sent someone who had set the path in Settings to a command-line flag.
 */
const PINNED_NOT_FOUND = "Give the full path of the claude executable (`which claude` prints it), or install Claude Code with `npm i -g @anthropic-ai/claude-code`.";
/** A CLI that is there but slow to answer is not missing: telling the user to install it would send them astray. */
const TOO_SLOW = "It is installed but did not answer in time: the machine may be busy. Try again in a moment.";
const VERSION_TIMEOUT_MS = 10_000;

/** The usual install locations, tried after `claude` on PATH. */
export function usualInstallPaths(home: string): string[] {
  return [
    join(home, ".claude/local/claude"),
    join(home, ".local/bin/claude"),
    join(home, ".npm-global/bin/claude"),
    "/usr/local/bin/claude",
    "/opt/homebrew/bin/claude",
    join(home, ".bun/bin/claude"),
  ];
}

/**
 * Finds the CLI: the explicit path, else `CHATML_CLAUDE_BIN`, else `claude` on PATH, else the usual install
 * locations. An explicit path or env value is authoritative (no fallback when it fails). The first candidate whose
 * `--version` answers with a version wins.
 */
export async function discoverCli(options: DiscoverOptions): Promise<DiscoverResult> {
  const timeoutMs = options.timeoutMs ?? VERSION_TIMEOUT_MS;
  const pinned = options.explicitPath || options.env.CHATML_CLAUDE_BIN;
  if (pinned) {
    const source = options.explicitPath ? (options.explicitSource ?? "--claude-bin") : "CHATML_CLAUDE_BIN";
    const result = await probe(pinned, options.env, timeoutMs);
    return "error" in result ? { error: `Claude Code CLI from ${source} (${pinned}) ${result.error}. ${result.isSlow ? TOO_SLOW : PINNED_NOT_FOUND}` } : result;
  }
  const failures: string[] = [];
  let isAnySlow = false;
  for (const candidate of await candidates(options.env)) {
    const result = await probe(candidate, options.env, timeoutMs);
    if (!("error" in result)) return result;
    if (result.isPresent) failures.push(`${candidate} ${result.error}`);
    isAnySlow ||= result.isSlow;
  }
  if (isAnySlow) return { error: `Claude Code CLI ${failures.join("; ")}. ${TOO_SLOW}` };
  return { error: failures.length > 0 ? `${NOT_FOUND} Tried: ${failures.join("; ")}.` : NOT_FOUND };
}

async function candidates(env: Record<string, string | undefined>): Promise<string[]> {
  const onPath = Bun.which("claude", { PATH: env.PATH ?? "" });
  const all = [...(onPath ? [onPath] : []), ...usualInstallPaths(env.HOME || homedir())];
  return [...new Set(all)];
}

type Probe = { path: string; version: CliVersion } | { error: string; isPresent: boolean; isSlow: boolean };

async function probe(path: string, env: Record<string, string | undefined>, timeoutMs: number): Promise<Probe> {
  const { access, constants } = await import("node:fs/promises");
  const isExecutable = await access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
  if (!isExecutable) return { error: "does not exist or is not executable", isPresent: false, isSlow: false };
  const output = await readCliVersionOutput(path, env, timeoutMs);
  if ("error" in output) return { error: output.error, isPresent: true, isSlow: output.isTimeout === true };
  const version = parseCliVersion(output.stdout);
  if (!version) return { error: `printed no version (${JSON.stringify(output.stdout.slice(0, 80))})`, isPresent: true, isSlow: false };
  return { path, version };
}

/** Runs `<path> --version`; gives up (and kills it) after `timeoutMs`, even if a grandchild holds its pipes. */
export async function readCliVersionOutput(
  path: string,
  env: Record<string, string | undefined>,
  timeoutMs: number = VERSION_TIMEOUT_MS,
): Promise<{ stdout: string } | { error: string; isTimeout?: boolean }> {
  const result = await runCliCommand(path, ["--version"], env, timeoutMs);
  if ("error" in result) return result;
  if (result.code !== 0) return { error: `--version exited ${result.code}: ${result.stderr.trim().slice(0, 200)}` };
  return { stdout: result.stdout };
}

/** How long to keep retrying a binary that some process still holds open for writing. */
const BUSY_RETRY_MS = 1_000;

/**
 * Starts the CLI, retrying while its file is "busy" (ETXTBSY): Linux refuses to run a file that any process holds
 * open for writing, which happens for a moment while npm installs or updates the CLI, or while another thread's
 * freshly forked child still holds the write handle it inherited.
 */
async function spawnUnlessBusy(
  path: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<Subprocess<"ignore", "pipe", "pipe"> | { error: string }> {
  const giveUpAt = Date.now() + BUSY_RETRY_MS;
  for (;;) {
    try {
      return Bun.spawn([path, ...args], { env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
    } catch (error) {
      const busy = (error as { code?: unknown }).code === "ETXTBSY";
      if (!busy || Date.now() >= giveUpAt) return { error: `could not be started (${messageOf(error)})` };
      await Bun.sleep(25);
    }
  }
}

/** Runs the CLI with `args` and answers its output and exit code, or why it could not; killed after `timeoutMs`. */
export async function runCliCommand(
  path: string,
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs: number = VERSION_TIMEOUT_MS,
): Promise<{ stdout: string; stderr: string; code: number } | { error: string; isTimeout?: boolean }> {
  const what = args.join(" ");
  const proc = await spawnUnlessBusy(path, args, env);
  if ("error" in proc) return proc;
  const finished = Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  const result = await Promise.race([finished, timedOut]).finally(() => clearTimeout(timer));
  if (!result) {
    proc.kill("SIGKILL");
    return { error: `${what} did not answer within ${timeoutMs} ms`, isTimeout: true };
  }
  const [stdout, stderr, code] = result;
  return { stdout, stderr, code };
}
