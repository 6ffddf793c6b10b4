import { existsSync, statSync } from "node:fs";
import { messageOf } from "../../shared/error-message.ts";
import { signalGroup } from "../lib/process-group.ts";
import { processFamily, signalEach, survivors } from "./process-tree.ts";

export type PtyOptions = {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  cols: number;
  rows: number;
  /** Raw bytes as the process wrote them (not necessarily UTF-8, chunks may split characters). */
  onData(bytes: Uint8Array): void;
};

/** A process on a pseudo-terminal. `exited` resolves with the exit code (null when killed by a signal). */
export type PtyProcess = {
  pid: number;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  kill(signal?: NodeJS.Signals): void;
  /**
   * Ends the process and everything it started (background jobs in their own process groups, a foreground program
   * that ignores the hang-up, children left behind by a shell that already exited): a hang-up to all of them, then
   * a kill to whatever is left after `graceMs`. Resolves once the process itself has exited.
   */
  terminate(graceMs: number): Promise<void>;
  exited: Promise<{ exitCode: number | null; signal: string | null }>;
};

/** How long a terminal's end waits for the processes it killed to be gone (a killed process cannot hold out longer). */
const KILLED_GONE_MS = 2_000;

/** Why a PTY could not start, in words the user can act on. */
export class PtySpawnError extends Error {
  override name = "PtySpawnError";
}

/**
 * Starts `argv` on a PTY with Bun's own `Bun.spawn({ terminal })` (POSIX only; no native add-on). The caller's
 * `onData` runs synchronously for every chunk Bun reads, so work done there slows reading and the kernel's PTY
 * buffer pushes back on the writer: that is our flow control.
 */
export function spawnPty(options: PtyOptions): PtyProcess {
  if (!existsSync(options.cwd) || !statSync(options.cwd).isDirectory()) throw new PtySpawnError(`The folder ${options.cwd} does not exist.`);
  let proc: ReturnType<typeof Bun.spawn>;
  try {
    proc = Bun.spawn(options.argv, {
      cwd: options.cwd,
      env: options.env,
      terminal: {
        cols: options.cols,
        rows: options.rows,
        name: "xterm-256color",
        data: (_terminal, data) => options.onData(data),
      },
    });
  } catch (error) {
    // Bun ends its message with the path again (", posix_spawn '/path'"): said once, the reason fits a phone's notice.
    throw new PtySpawnError(`Could not start ${options.argv[0]}: ${messageOf(error).replace(/, posix_spawn '[^']*'$/, "")}`);
  }
  const terminal = proc.terminal;
  if (!terminal) throw new PtySpawnError("This platform has no pseudo-terminals.");
  const exited = proc.exited.then((code) => {
    if (!terminal.closed) terminal.close();
    return { exitCode: proc.signalCode ? null : code, signal: proc.signalCode ? String(proc.signalCode) : null };
  });
  return {
    pid: proc.pid,
    write: (data) => {
      if (!terminal.closed) terminal.write(data);
    },
    resize: (cols, rows) => {
      if (!terminal.closed) terminal.resize(cols, rows);
    },
    kill: (signal = "SIGHUP") => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      // The shell's children share its process group; a hang-up to the group ends a foreground `yes` too.
      if (!signalGroup(proc.pid, signal)) proc.kill(signal);
    },
    exited,
    terminate: async (graceMs) => {
      let hasExited = false;
      void exited.then(() => (hasExited = true));
      const isShellAlive = () => proc.exitCode === null && proc.signalCode === null;
      const family = processFamily(proc.pid, isShellAlive());
      signalEach(family.keys(), "SIGHUP");
      const deadline = Date.now() + graceMs;
      while (Date.now() < deadline && (!hasExited || survivors(family).length > 0)) await Bun.sleep(50);
      // Anything the family started meanwhile (a trap that spawned), and whoever ignored the hang-up.
      for (const [pid, started] of processFamily(proc.pid, isShellAlive())) family.set(pid, started);
      signalEach(survivors(family), "SIGKILL");
      await exited;
      // A kill takes effect when the killed process next runs: on a loaded machine one was still listed, alive, after
      // the shell's exit (CI fc111). Resolving only once they are gone makes "closed" mean it.
      for (const end = Date.now() + KILLED_GONE_MS; Date.now() < end && survivors(family).length > 0; ) await Bun.sleep(10);
    },
  };
}
