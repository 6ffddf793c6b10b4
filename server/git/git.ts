import { AppError } from "../../shared/protocol/errors.ts";
import { terminateGroup } from "../lib/process-group.ts";
import { noPromptsEnv, withGitHint } from "./no-prompts.ts";
import { trackRunningGit } from "./running-git.ts";

/** What one git command answered. */
export type GitResult = {
  code: number;
  stdout: string;
  stderr: string;
  /**
   * Killed by the timeout, the signal, a stopping server or output past `maxOutputBytes`: the output is cut short, and
   * what git was doing is half done.
   */
  stoppedBy?: "timeout" | "signal" | "shutdown" | "output_limit";
};
/** Options of {@link runGit}. */
export type GitOptions = {
  timeoutMs?: number;
  env?: Record<string, string>;
  /** Fed to git's stdin (e.g. `update-ref --stdin`). */
  input?: string;
  /** Aborting kills git and what it started, as the timeout does. */
  signal?: AbortSignal;
  /** Stops git once it has written more than this to stdout (a blob's size is then known to be over it, unread). */
  maxOutputBytes?: number;
};

let noFetchHead: Promise<readonly string[]> | undefined;

/**
 * What ChatML's own fetches (in the background, or for an action) add after `fetch` to leave FETCH_HEAD alone. It is the
 * user's: `git pull` reads it between its fetch and its merge, and one ChatML wrote meanwhile made that pull say "no
 * candidates for merging". `--no-write-fetch-head` came with git 2.29; an older git gets nothing (it would refuse the
 * command), and keeps the old race. Asked once per server.
 */
export function noFetchHeadFlags(): Promise<readonly string[]> {
  noFetchHead ??= runGit("/", ["version"]).then(({ stdout }) => {
    const [major = 0, minor = 0] = (/git version (\d+)\.(\d+)/.exec(stdout) ?? []).slice(1).map(Number);
    return major > 2 || (major === 2 && minor >= 29) ? ["--no-write-fetch-head"] : [];
  });
  return noFetchHead;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** How long a stopped git has to remove its lock files (on SIGTERM) before it and what it started are killed. */
export const GIT_STOP_GRACE_MS = 1_000;

/**
 * Runs `git -C cwd <args>` as an argument array (never a shell string) and collects its output. Never throws for a
 * non-zero exit: the caller decides. Nothing it runs asks a question (`noPromptsEnv`, and no terminal): a fetch never
 * waits for a password or passphrase.
 * @example const { stdout } = await runGit(repo, ["rev-parse", "HEAD"]);
 */
export async function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const { stdout, ...rest } = await runGitBytes(cwd, args, options);
  return { ...rest, stdout: new TextDecoder().decode(stdout) };
}

/** {@link runGit} answering stdout as the bytes git wrote: a blob's content (an image) is not text. */
export async function runGitBytes(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<Omit<GitResult, "stdout"> & { stdout: Uint8Array }> {
  const proc = Bun.spawn(["git", "-C", cwd, ...safeArgs(args)], {
    stdin: options.input === undefined ? "ignore" : new TextEncoder().encode(options.input),
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, ...noPromptsEnv(), GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C", ...options.env },
    // No terminal for git, its hooks and ssh: nothing can ask on the one ChatML was started from (detachedGitBinary).
    detached: true,
  });
  let stoppedBy: GitResult["stoppedBy"];
  const stop = (by: NonNullable<GitResult["stoppedBy"]>) => {
    stoppedBy ??= by;
    killGroup(proc);
  };
  const timer = setTimeout(() => stop("timeout"), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onAbort = () => stop("signal");
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const forget = trackRunningGit(() => stop("shutdown"));
  try {
    const limit = options.maxOutputBytes ?? Number.POSITIVE_INFINITY;
    const [stdout, stderr, code] = await Promise.all([readUpTo(proc.stdout, limit, () => stop("output_limit")), new Response(proc.stderr).text(), proc.exited]);
    return stoppedBy ? { code, stdout, stderr, stoppedBy } : { code, stdout, stderr };
  } finally {
    clearTimeout(timer);
    forget();
    options.signal?.removeEventListener("abort", onAbort);
  }
}

/** Collects a stream's bytes; past `limit` it calls `onOver` (which stops the writer) and keeps no more. */
async function readUpTo(stream: ReadableStream<Uint8Array>, limit: number, onOver: () => void): Promise<Uint8Array> {
  if (limit === Number.POSITIVE_INFINITY) return new Response(stream).bytes();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of stream) {
    if (length + chunk.length > limit) {
      onOver();
      break;
    }
    chunks.push(chunk);
    length += chunk.length;
  }
  return Buffer.concat(chunks);
}

/**
 * Ends git and what it started: ssh waiting on a dead network, a hook, a filter. They inherit git's output pipes, so
 * killing git alone left the call waiting for them. Git leads its own process group (spawned `detached`). SIGTERM
 * first, so that git removes its `index.lock`; what is left a moment later is killed.
 */
function killGroup(proc: { pid: number; kill(signal: NodeJS.Signals): void }): void {
  if (!terminateGroup(proc.pid, GIT_STOP_GRACE_MS)) proc.kill("SIGKILL");
}

/** Subcommands that only read; ChatML runs them in the background (status, watchers) on repositories it did not vet. */
const READ_ONLY = new Set(["status", "diff", "log", "show", "rev-parse", "rev-list", "merge-base", "for-each-ref", "show-ref", "ls-files", "ls-tree", "cat-file", "describe", "name-rev", "symbolic-ref", "diff-files", "diff-index", "diff-tree"]);
/** Of those, the ones that print patches: a repository's external diff or textconv programs are not run for them. */
const PATCH_PRINTING = new Set(["diff", "log", "show"]);

/**
 * A repository's config can name programs git runs: `core.fsmonitor` on every status/diff/checkout, hooks, an external
 * diff, textconv filters. ChatML's own calls never run the fsmonitor program; its reads never run hooks, an external
 * diff or textconv (they could be anything, and a read happens in the background without the user asking).
 */
export function safeArgs(args: readonly string[]): string[] {
  const [subcommand = "", ...rest] = args;
  // Names in patches and reports as they are ("café.txt", not "caf\303\251.txt"): a commit's patch reads as the files
  // are named. Git still quotes a name holding a quote, a backslash or a control character (unquoteGitPath).
  const config = ["-c", "core.fsmonitor=false", "-c", "core.quotePath=false"];
  if (!READ_ONLY.has(subcommand)) return [...config, ...args];
  const noPrograms = PATCH_PRINTING.has(subcommand) ? ["--no-ext-diff", "--no-textconv"] : [];
  return [...config, "-c", "core.hooksPath=/dev/null", subcommand, ...noPrograms, ...rest];
}

/**
 * File names as git pathspecs that match only themselves. A plain pathspec is a pattern: discarding `a*.txt` would
 * also have discarded (or, untracked, deleted) `ab.txt`, and `:/` means the whole tree.
 */
export function literalPathspecs(paths: readonly string[]): string[] {
  return paths.map((path) => `:(literal)${path}`);
}

/** Runs git and answers its trimmed stdout; a failure becomes an AppError with git's own message. */
export async function git(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const result = await runGit(cwd, args, options);
  if (result.code !== 0) throw gitError(args, result);
  return result.stdout.trim();
}

/**
 * Runs a read (diff, show, log, ls-files) through {@link safeArgs} and answers its stdout untouched (a patch keeps its
 * final newline); a failure becomes an AppError with git's own message. For the workbench's reads, which must never
 * run a repository's external diff, textconv, fsmonitor or hooks, unlike simple-git's plain `git` calls.
 */
export async function readGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const result = await runGit(cwd, args, options);
  if (result.code !== 0) throw gitError(args, result, "conflict");
  return result.stdout;
}

const STOPPED: Record<NonNullable<GitResult["stoppedBy"]>, string> = {
  timeout: "it did not finish in time and was stopped",
  signal: "it was stopped",
  shutdown: "ChatML stopped it as it shut down",
  output_limit: "its output was larger than ChatML reads",
};

/** The error for a failed git command: its first lines of stderr, which are usually the clearest message. */
export function gitError(args: readonly string[], result: GitResult, code: "bad_request" | "conflict" | "internal" = "bad_request"): AppError {
  const said = result.stderr.trim().split(/\r?\n/).slice(0, 3).join(" ");
  const stopped = result.stoppedBy ? STOPPED[result.stoppedBy] : null;
  const message = stopped ? `${stopped}${said ? ` (${said})` : ""}` : said || `exit code ${result.code}`;
  return new AppError(code, withGitHint(`git ${args[0] ?? ""} failed: ${message}`, result.stderr), { args, code: result.code });
}
