import type { SimpleGit, SimpleGitProgressEvent } from "simple-git";
import { AppError } from "../../shared/protocol/errors.ts";
import { messageOf } from "../../shared/error-message.ts";
import { newProcessTag, PROCESS_TAG_VAR, stopTaggedUntilGone } from "../lib/process-group.ts";
import { detachedGitBinary, noPromptsEnv, withGitHint } from "./no-prompts.ts";
import { GIT_STOP_GRACE_MS } from "./git.ts";
import { trackRunningGit } from "./running-git.ts";

/** One progress tick of a network operation (push, fetch): git's stage and percent. */
export type GitProgress = { stage: string; percent: number };

/** Options of {@link gitClient} and {@link gitAction}. */
export type GitActionOptions = {
  /** Aborting kills git and everything it started (hooks, ssh, credential helpers); the call then rejects with `cancelled`. */
  signal?: AbortSignal;
  onProgress?: (progress: GitProgress) => void;
  /** Text fed to git's stdin (a patch for `git apply -`). */
  stdin?: string | Buffer;
  /** Lets git run `true` as its editor (rebase/merge --continue would otherwise open one). */
  isEditorless?: boolean;
  /** Runs none of the repository's hooks (`core.hooksPath=/dev/null`): for a step the user did not mean as the git command it uses. */
  isHookless?: boolean;
};

const ENV_KEYS = ["PATH", "HOME", "USER", "SSH_AUTH_SOCK", "TMPDIR", "XDG_CONFIG_HOME"];

/**
 * A simple-git instance for one action in `cwd`: a plain environment (no inherited `GIT_*`), nothing that asks a
 * question (`noPromptsEnv`, and no terminal: `detachedGitBinary`; an auth failure answers at once instead of waiting
 * for a password or passphrase), stable English messages, progress and abort wired.
 * The repository's `core.fsmonitor` program never runs (as in {@link safeArgs}); hooks do, as the user's own git would,
 * unless `isHookless`.
 * `tag` marks git and whatever it starts (`CHATML_PROCESS_TAG`), so that all of them can be stopped together.
 */
export async function gitClient(cwd: string, options: GitActionOptions = {}, tag: string = newProcessTag()): Promise<SimpleGit> {
  // Loaded on the first git action, not at start-up (simple-git and its dependencies cost ~15 ms to import).
  const { simpleGit } = await import("simple-git");
  const env: Record<string, string> = { LC_ALL: "C", ...noPromptsEnv(), [PROCESS_TAG_VAR]: tag };
  for (const key of ENV_KEYS) if (process.env[key]) env[key] = process.env[key] as string;
  if (options.isEditorless) Object.assign(env, { GIT_EDITOR: "true", GIT_SEQUENCE_EDITOR: "true" });
  const allowEnvironment = ["GIT_TERMINAL_PROMPT", "SSH_ASKPASS", ...(options.isEditorless ? ["GIT_EDITOR", "GIT_SEQUENCE_EDITOR"] : [])];
  return simpleGit({
    baseDir: cwd,
    binary: detachedGitBinary(),
    config: ["core.fsmonitor=false", ...(options.isHookless ? ["core.hooksPath=/dev/null"] : [])],
    allowEnvironment,
    // simple-git refuses any core.fsmonitor setting unless allowed; ChatML only ever sets it to false (above). Likewise
    // SSH_ASKPASS, which ChatML sets only to its refusing `false` (noPromptsEnv), and core.hooksPath (only /dev/null).
    unsafe: { allowUnsafeEditor: options.isEditorless === true, allowUnsafeFsMonitor: true, allowUnsafeAskPass: true, allowUnsafeHooksPath: options.isHookless === true },
    errors: failOnNonZeroExit,
    ...(options.signal ? { abort: options.signal } : {}),
    ...(options.onProgress ? { progress: toProgress(options.onProgress) } : {}),
    ...(options.stdin !== undefined ? { input: () => options.stdin } : {}),
  }).env(env);
}

/**
 * Runs one git command through simple-git and answers its stdout. A failure becomes an AppError carrying git's own
 * message (the `error:`/`fatal:`/`hint:`/rejection lines), a cancellation becomes `cancelled`.
 *
 * simple-git's abort kills git alone; a hook, ssh or credential helper git started would live on, holding git's
 * pipes (so the call never ended) and perhaps `index.lock`. So an abort (or a stopping server) ends every process
 * carrying this action's tag, as `runGit` ends git's whole process group: SIGTERM first (git removes its lock files),
 * then SIGKILL.
 * @example await gitAction(cwd, ["push", "-u", "origin", "feature"], { signal, onProgress });
 */
export async function gitAction(cwd: string, args: string[], options: GitActionOptions = {}): Promise<string> {
  const tag = newProcessTag();
  const stop = () => void stopTaggedUntilGone(tag, GIT_STOP_GRACE_MS);
  options.signal?.addEventListener("abort", stop, { once: true });
  let isShutDown = false;
  const forget = trackRunningGit(() => ((isShutDown = true), stop()));
  const shutDown = () => new AppError("server_stopping", `git ${args[0] ?? ""} was stopped because ChatML is stopping; do it again once ChatML has restarted.`);
  try {
    // A server that stopped waiting ends every git from now on: this one does not start.
    if (isShutDown) throw shutDown();
    return await (await gitClient(cwd, options, tag)).raw(args);
  } catch (error) {
    if (isShutDown) throw shutDown();
    throw toGitError(args, error, options.signal);
  } finally {
    forget();
    options.signal?.removeEventListener("abort", stop);
  }
}

/** Turns what simple-git threw into an AppError with git's clearest lines. */
export function toGitError(args: readonly string[], error: unknown, signal?: AbortSignal): AppError {
  if (signal?.aborted) return new AppError("cancelled", `git ${args[0] ?? ""} was cancelled.`);
  const raw = messageOf(error);
  return new AppError("conflict", withGitHint(gitMessage(raw) || `git ${args[0] ?? ""} failed.`, raw), { args });
}

/** Lines of git's own chatter: progress counters, where it pushed or fetched, the refs it moved. */
const GIT_NOISE =
  /^(remote: *)?(Enumerating|Counting|Compressing|Writing|Receiving|Resolving|Unpacking|Total|Delta compression|Checking connectivity|Updating files|Filtering content)\b|^(remote: *)?$|^(To|From) \S+$|^Pushing to \S+$|^POST git-|^ +\* (branch|\[new )|^ +[0-9a-f]{7,}\.\.\.?[0-9a-f]{7,} /;

/** How many lines of git's output an error shows; a hook's long output (a linter's report) is cut there, saying so. */
const MAX_MESSAGE_LINES = 30;

/**
 * What git said, for an error: drops git's progress chatter ("Pushing to …", "To …", counters) and keeps everything
 * else, in order: a refusing hook's whole output (a linter names the file on one line and says "error" on the next),
 * hints, conflicts. Cut at {@link MAX_MESSAGE_LINES}, saying how many lines were left out.
 */
export function gitMessage(stderr: string): string {
  // A progress counter rewrites its line with \r: only what it said last counts.
  const lines = stderr.split(/\r?\n/).map((line) => (line.split("\r").at(-1) ?? "").trimEnd()).filter((line) => line && !GIT_NOISE.test(line));
  if (lines.length <= MAX_MESSAGE_LINES) return lines.join("\n");
  const shown = lines.slice(0, MAX_MESSAGE_LINES - 1);
  return [...shown, `… and ${lines.length - shown.length} more lines`].join("\n");
}

/** simple-git treats a non-zero exit with an empty stderr as success (a conflicting merge says CONFLICT on stdout). */
function failOnNonZeroExit(error: Buffer | Error | undefined, result: { exitCode: number; stdOut: Buffer[]; stdErr: Buffer[] }): Buffer | Error | undefined {
  if (error || result.exitCode === 0) return error;
  return Buffer.concat([...result.stdErr, ...result.stdOut]);
}

function toProgress(onProgress: (progress: GitProgress) => void) {
  return (event: SimpleGitProgressEvent) => onProgress({ stage: event.stage, percent: event.progress });
}
