import { fstatSync, statSync } from "node:fs";

/** How often the server looks whether the package runner that started it (bunx, npx, bun run) is still there. */
const PARENT_CHECK_MS = 1_000;

/** What a stop request is told about its cause, for the line it prints. */
export type StopReason = "SIGINT" | "SIGTERM" | "SIGHUP" | "launcher-ended";

type Process = Pick<NodeJS.Process, "once" | "ppid" | "env">;

/**
 * Calls `stop` once, on the first of the ways a user ends ChatML:
 * - Ctrl+C (SIGINT) and `kill` (SIGTERM);
 * - closing its terminal (SIGHUP), when it has one: without a terminal SIGHUP keeps what it was given, so
 *   `nohup chatml` (SIGHUP ignored) still outlives the shell;
 * - the end of the package runner it runs under (`bunx chatml`, `npx chatml`, `bun run`): a runner killed with
 *   SIGKILL, or one that dies, forwards no signal and the server would be left listening with init as its parent.
 *   A runner marks its child's environment with `npm_lifecycle_event`; only then is a changed parent an end
 *   (`chatml &` from a shell outlives that shell on purpose). See ADR 0080.
 */
export function onStopRequest(stop: (reason: StopReason) => void, proc: Process = process, hasTerminal = isStdinATerminal()): void {
  let isStopping = false;
  const stopOnce = (reason: StopReason) => {
    if (isStopping) return;
    isStopping = true;
    clearInterval(launcherCheck);
    stop(reason);
  };
  const launcher = proc.env.npm_lifecycle_event ? proc.ppid : null;
  const launcherCheck = launcher === null ? undefined : setInterval(() => proc.ppid !== launcher && stopOnce("launcher-ended"), PARENT_CHECK_MS);
  launcherCheck?.unref();
  proc.once("SIGINT", () => stopOnce("SIGINT"));
  proc.once("SIGTERM", () => stopOnce("SIGTERM"));
  if (hasTerminal) proc.once("SIGHUP", () => stopOnce("SIGHUP"));
}

/**
 * Whether standard input is a terminal: a character device other than /dev/null (where `nohup` points it). Not
 * `node:tty`'s `isatty`: importing `node:tty` costs a start ~20 ms and ~6.5 MiB (it loads `node:net`; issue 16).
 */
export function isStdinATerminal(): boolean {
  try {
    const stdin = fstatSync(0);
    return stdin.isCharacterDevice() && stdin.rdev !== statSync("/dev/null").rdev;
  } catch {
    return false; // no standard input, or no /dev/null (Windows, which has no SIGHUP either)
  }
}
