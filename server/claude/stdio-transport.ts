import { deltaTrace } from "../lib/delta-trace.ts";
import type { FileSink, Subprocess } from "bun";
import type { CliExitInfo, CliProcess, CliProcessListener, HostMessage, LaunchOptions } from "./contracts.ts";
import { cliOutputCollector } from "../lib/burst-collector.ts";
import { bypassProxyForLoopback } from "./loopback-proxy.ts";
import { createCliLineFramer, type NdjsonFramer } from "./framer.ts";
import { releaseBytes } from "../lib/release-bytes.ts";
import { buildLaunchArgs } from "./launch-args.ts";
import { guardedArgv, newProcessTag, PROCESS_TAG_VAR, signalGroup, stopTaggedOffLoop } from "./process-guard.ts";

const STDERR_TAIL_BYTES = 8 * 1024;
/** After the process exits, how long we still wait for its pipes to drain (a grandchild may hold them open). */
const DRAIN_GRACE_MS = 2_000;

/** Keeps the last `limit` bytes of a byte stream, for diagnostics when a process exits. */
export class OutputTail {
  private chunks: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly limit: number = STDERR_TAIL_BYTES) {}

  /** Appends a chunk, dropping whole old chunks that fall out of the window. */
  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.chunks.length > 1 && this.size - (this.chunks[0]?.length ?? 0) >= this.limit) {
      this.size -= this.chunks.shift()?.length ?? 0;
    }
  }

  /** The kept bytes as text (a character cut at the window's start is dropped). */
  text(): string {
    const all = Buffer.concat(this.chunks);
    return new TextDecoder().decode(all.subarray(Math.max(0, all.length - this.limit))).replace(/^\uFFFD+/, "");
  }
}

/** How to start a CLI child and where its stdout goes. */
export type CliChildOptions = {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  onStdout(chunk: Uint8Array): void;
  onStdoutEnd(): void;
};

/** A spawned CLI child; `exited` resolves once it has exited and its pipes are drained. `tag` marks its processes. */
export type CliChild = { proc: Subprocess<"pipe", "pipe", "pipe">; exited: Promise<CliExitInfo>; tag: string };

/** Spawns the CLI with piped stdio, drains stdout to `onStdout` and stderr into an 8 KB tail. Throws if it cannot start. */
export function spawnCliChild(options: CliChildOptions): CliChild {
  // The guard would start even without the binary; fail here as a direct spawn would.
  const [bin = ""] = options.argv;
  if (!Bun.which(bin, { PATH: options.env.PATH ?? process.env.PATH ?? "" })) throw new Error(`ENOENT: no executable at ${bin}`);
  // Under the guard, in a process group of its own, every process tagged: it cannot outlive the server (ADR 0008).
  const tag = newProcessTag();
  deltaTrace?.mark("spawn cli");
  const proc = Bun.spawn(guardedArgv(options.argv), {
    cwd: options.cwd,
    env: { ...bypassProxyForLoopback({ ...process.env, ...options.env }), [PROCESS_TAG_VAR]: tag },
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
    detached: true,
  });
  const tail = new OutputTail();
  const drained = Promise.all([
    pump(proc.stdout, options.onStdout).then(() => guard("stdout end", options.onStdoutEnd)),
    pump(proc.stderr, (chunk) => tail.push(chunk)),
  ]);
  const exited = proc.exited.then(async () => {
    // Tool processes of a CLI that died must not run on unseen: they go with it.
    signalGroup(proc.pid, "SIGKILL");
    await stopTaggedOffLoop(tag);
    await Promise.race([drained, Bun.sleep(DRAIN_GRACE_MS)]);
    // Again: a tool caught in the middle of exec showed no environment to the first scan.
    await stopTaggedOffLoop(tag);
    const signal = proc.signalCode === null ? null : String(proc.signalCode);
    return { code: signal ? null : proc.exitCode, signal, stderrTail: tail.text() };
  });
  return { proc, exited, tag };
}

async function pump(stream: ReadableStream<Uint8Array>, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  try {
    for await (const chunk of stream) guard("output chunk", () => onChunk(chunk));
  } catch (error) {
    console.error("[claude] reading CLI output failed", error);
  }
}

/** Runs a listener callback; a throwing listener is a bug above us and must not stall the pipes. */
export function guard(what: string, callback: () => void): void {
  try {
    callback();
  } catch (error) {
    console.error(`[claude] listener failed on ${what}`, error);
  }
}

/** Writes one line to a child's stdin; false when the pipe is gone (EPIPE surfaces sync or async). */
export function writeLine(stdin: FileSink, line: string, onBroken: () => void): boolean {
  const onError = (error: unknown) => {
    console.error("[claude] writing to CLI stdin failed", error);
    onBroken();
  };
  try {
    const written = stdin.write(line);
    if (written instanceof Promise) written.catch(onError);
    const flushed = stdin.flush();
    if (flushed instanceof Promise) flushed.catch(onError);
    return true;
  } catch (error) {
    onError(error);
    return false;
  }
}

/** Launches the CLI speaking NDJSON over stdin/stdout. Throws if the binary cannot be spawned. */
export function spawnStdioCli(options: LaunchOptions, listener: CliProcessListener): CliProcess {
  const framer = createCliLineFramer(listener);
  const child = spawnCliChild({
    argv: [options.binPath, ...buildLaunchArgs({ ...options, transport: "stdio" })],
    cwd: options.cwd,
    env: options.env,
    onStdout: stdoutReader(framer, listener),
    onStdoutEnd: () => framer.end() > 0 && listener.onBatchEnd(),
  });
  return new StdioCliProcess(child, listener);
}

/**
 * Chunks at least this long are freed once framed (ADR 0193); a shorter one is left to the collector (ADR 0259). A
 * paced stream reads one line (well under 1 KiB) per chunk, where the free cost more than the bytes it gave back;
 * a burst's reads that ADR 0193 is about are tens to hundreds of KiB.
 */
export const RELEASED_CHUNK_BYTES = 4096;

/**
 * What each chunk of a CLI's stdout goes through: counted for the burst collector (ADR 0043), framed into lines (one
 * batch per chunk that completed at least one line), then, if it is long, its memory given back at once (ADR 0193).
 * The framer keeps no view of a chunk (a line it has not finished is copied), so nothing reads the chunk after this.
 */
export function stdoutReader(framer: NdjsonFramer, listener: Pick<CliProcessListener, "onBatchEnd">): (chunk: Uint8Array) => void {
  return (chunk) => {
    cliOutputCollector.note(chunk.length);
    const push = () => framer.push(chunk) > 0 && listener.onBatchEnd();
    if (deltaTrace) deltaTrace.time("cli chunk", push);
    else push();
    if (chunk.length >= RELEASED_CHUNK_BYTES) releaseBytes(chunk);
  };
}

class StdioCliProcess implements CliProcess {
  readonly transport = "stdio" as const;
  readonly exited: Promise<CliExitInfo>;
  private isInputOpen = true;

  constructor(
    private readonly child: CliChild,
    listener: CliProcessListener,
  ) {
    this.exited = child.exited.then((info) => {
      guard("exit", () => listener.onExit(info));
      return info;
    });
  }

  get pid(): number {
    return this.child.proc.pid;
  }

  get processTag(): string {
    return this.child.tag;
  }

  get hasExited(): boolean {
    return hasChildExited(this.child);
  }

  send(message: HostMessage): boolean {
    if (!this.isInputOpen || this.hasExited) return false;
    return writeLine(this.child.proc.stdin, `${JSON.stringify(message)}\n`, () => (this.isInputOpen = false));
  }

  close(): void {
    if (!this.isInputOpen) return;
    this.isInputOpen = false;
    endInput(this.child.proc.stdin);
  }

  kill(signal: NodeJS.Signals = "SIGTERM"): void {
    killChild(this.child, signal);
  }
}

/** Bun knows the child's exit status: it has exited, even if `exited` has not settled yet. */
export function hasChildExited({ proc }: CliChild): boolean {
  return proc.exitCode !== null || proc.signalCode !== null;
}

/** Signals the CLI and everything it started (its process group); the guard alone if the group is gone. */
export function killChild(child: CliChild, signal: NodeJS.Signals): void {
  if (!signalGroup(child.proc.pid, signal)) child.proc.kill(signal);
}

/** Ends a child's stdin; the pipe may already be broken, which is fine when we are closing anyway. */
export function endInput(stdin: FileSink): void {
  try {
    const ended = stdin.end();
    if (ended instanceof Promise) ended.catch((error: unknown) => console.error("[claude] closing CLI stdin failed", error));
  } catch (error) {
    console.error("[claude] closing CLI stdin failed", error);
  }
}
