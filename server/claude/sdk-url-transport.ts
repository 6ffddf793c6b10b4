import { deltaTrace } from "../lib/delta-trace.ts";
import type { CliExitInfo, CliProcess, CliProcessListener, HostMessage, LaunchOptions } from "./contracts.ts";
import type { CliSocketRegistry } from "./cli-socket-registry.ts";
import { cliOutputCollector } from "../lib/burst-collector.ts";
import { createCliLineFramer } from "./framer.ts";
import { buildLaunchArgs } from "./launch-args.ts";
import { endInput, guard, hasChildExited, killChild, spawnCliChild, type CliChild } from "./stdio-transport.ts";

/** Where an sdk-url CLI dials back: the registry behind `/ws/cli/:key` and the server's `ws://host:port` origin. */
export type SdkUrlTarget = { registry: CliSocketRegistry; baseUrl: string };

/** A CLI on the sdk-url transport; `connected` resolves true on the first attach, false if it exits first. */
export interface SdkUrlCliProcess extends CliProcess {
  readonly key: string;
  readonly connected: Promise<boolean>;
  readonly isAttached: boolean;
}

/** The URL the CLI dials for `key`. */
export function cliSocketUrl(baseUrl: string, key: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/ws/cli/${encodeURIComponent(key)}`;
}

/**
 * Launches the CLI with `--sdk-url`; it connects back as a WebSocket client and speaks NDJSON there. Its stdout and
 * stderr are still drained (stderr kept as the tail). Throws if the binary cannot be spawned.
 */
export function spawnSdkUrlCli(
  options: LaunchOptions,
  listener: CliProcessListener,
  target: SdkUrlTarget,
): SdkUrlCliProcess {
  const key = crypto.randomUUID();
  const framer = createCliLineFramer(listener);
  const batch = new TickBatch(() => listener.onBatchEnd());
  let markConnected: (isConnected: boolean) => void = () => {};
  const connected = new Promise<boolean>((resolve) => (markConnected = resolve));
  let hasAttached = false;
  const { secret } = target.registry.expect(key, {
    // Called before the new socket's first frame, so the replay that follows a reconnect is expected.
    onAttach: () => {
      if (hasAttached) listener.onReattach?.();
      hasAttached = true;
      markConnected(true);
    },
    onFrame: (data) => guard("socket frame", () => (deltaTrace ? deltaTrace.time("cli chunk", () => deliverFrame(framer, data, batch)) : deliverFrame(framer, data, batch))),
    onDetach: () => {},
  });
  try {
    const sdkUrl = cliSocketUrl(target.baseUrl, key);
    const child = spawnCliChild({
      argv: [options.binPath, ...buildLaunchArgs({ ...options, transport: "sdk-url", sdkUrl })],
      cwd: options.cwd,
      env: { ...options.env, CLAUDE_CODE_SESSION_ACCESS_TOKEN: secret },
      onStdout: () => {}, // Over sdk-url the protocol runs on the socket; stdout only needs draining.
      onStdoutEnd: () => {},
    });
    return new SdkUrlProcess(key, child, target.registry, connected, (info) => {
      markConnected(false);
      if (framer.end() > 0) batch.add();
      batch.endNow();
      listener.onExit(info);
    });
  } catch (error) {
    target.registry.release(key);
    throw error;
  }
}

const NEWLINE_BYTES = new Uint8Array([10]);

/**
 * Frames from all CLI sockets handled in one turn of the event loop after which a pending batch ends anyway
 * (ADR 0136). A loop that fell behind (the 20 sends of a turn, a busy machine) finds thousands of frames ready at
 * once; a batch that waited for all of them held its first delta for their whole handling (median 0.2–0.9 s at
 * load 13–22, `bench/paced-attribution.ts`), where stdio hands each read chunk on at once. At 64 a line still waited
 * for the 63 frames after it — the server's part of the paced top 1 % was 1.9–13 ms against stdio's 0.5–0.7 — and at
 * 16 it is 0.1–1.8 ms, the turn's CPU not told apart (ADR 0212). Each batch counts them from its own first line
 * (ADR 0222): one that began later is not cut in the middle of its CLI's read because an older one is due.
 */
export const MAX_FRAMES_PER_LOOP_TURN = 16;

/**
 * Frames of its own CLI the batch being read joins at most, past MAX_FRAMES_PER_LOOP_TURN (ADR 0244): Bun hands on a
 * socket's ready frames one after another, so in a burst a CLI's frames come in runs of hundreds, and a batch cut every
 * 16 of them was a flush and a browser frame per 16 deltas, most of what a burst cost over sdk-url beyond stdio. A run
 * ends its batch at the first frame of another CLI once due, as a stdio read chunk is handed on whole.
 */
export const MAX_RUN_FRAMES = 256;

/** The batches waiting for the end of this loop turn, oldest first, and how many frames every CLI has delivered. */
const pendingBatches = new Set<TickBatch>();
let framesHandled = 0;

/**
 * Ends a batch once per turn of the event loop, however many frames it held. Over sdk-url the CLI writes one
 * WebSocket frame per line, and frames that arrived together are read in one turn: their lines become one batch (one
 * commit, one browser frame per part), as the lines of one stdout read do over stdio. Nothing is held longer: the
 * batch ends as soon as the frames read in this turn are handled, or once MAX_FRAMES_PER_LOOP_TURN frames of any CLI
 * were handled since its first line — when they are one run of its own CLI's frames, at the next frame of another
 * CLI or after MAX_RUN_FRAMES.
 */
export class TickBatch {
  private pending: ReturnType<typeof setImmediate> | null = null;
  /** `framesHandled` before this batch's first frame. */
  private beganAt = 0;
  /** Frames of its own CLI since this batch's first line. */
  private frames = 0;

  constructor(private readonly onEnd: () => void) {}

  /** Lines were delivered: the batch ends after the frames of this turn, or when its first line has waited long enough. */
  add(): void {
    if (!this.pending) {
      this.pending = setImmediate(() => this.endNow());
      this.beganAt = framesHandled;
      this.frames = 0;
      pendingBatches.add(this);
    }
    framesHandled += 1;
    if (++this.frames >= MAX_RUN_FRAMES) this.endNow();
    // Oldest first: once one batch is young enough, every batch after it is too. A batch being read whose frames are
    // all of its own CLI is passed over: its run goes on, and the next frame of another CLI ends it.
    for (const batch of pendingBatches) {
      if (framesHandled - batch.beganAt < MAX_FRAMES_PER_LOOP_TURN) break;
      if (batch !== this || !this.isOneRun()) batch.endNow();
    }
  }

  /** No other CLI's frame came since this batch's first line. */
  private isOneRun(): boolean {
    return framesHandled - this.beganAt === this.frames;
  }

  /** Ends a pending batch at once (e.g. before the exit is reported, so its lines come first). */
  endNow(): void {
    if (!this.pending) return;
    clearImmediate(this.pending);
    this.pending = null;
    pendingBatches.delete(this);
    guard("batch end", this.onEnd);
  }
}

/** One WebSocket frame is one JSON line plus `\n`; a frame without the newline still ends its line. */
function deliverFrame(framer: ReturnType<typeof createCliLineFramer>, data: string | Uint8Array, batch: TickBatch): void {
  cliOutputCollector.note(data.length);
  const last = typeof data === "string" ? data.charCodeAt(data.length - 1) : data[data.length - 1];
  // Binary frames end through the decoder too, so a cut multi-byte character cannot leak into the next frame.
  const terminator = typeof data === "string" ? "\n" : NEWLINE_BYTES;
  const delivered = framer.push(data) + (last === 10 ? 0 : framer.push(terminator));
  if (delivered > 0) batch.add();
}

class SdkUrlProcess implements SdkUrlCliProcess {
  readonly transport = "sdk-url" as const;
  readonly exited: Promise<CliExitInfo>;
  private isClosed = false;

  constructor(
    readonly key: string,
    private readonly child: CliChild,
    private readonly registry: CliSocketRegistry,
    readonly connected: Promise<boolean>,
    onExit: (info: CliExitInfo) => void,
  ) {
    this.exited = child.exited.then((info) => {
      registry.release(key);
      guard("exit", () => onExit(info));
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

  get isAttached(): boolean {
    return this.registry.isAttached(this.key);
  }

  send(message: HostMessage): boolean {
    if (this.hasExited) return false;
    return this.registry.send(this.key, `${JSON.stringify(message)}\n`);
  }

  /** Closes the socket with 4001 (now, or as soon as the CLI attaches): the CLI does not reconnect and exits. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.registry.close(this.key);
    endInput(this.child.proc.stdin);
  }

  kill(signal: NodeJS.Signals = "SIGTERM"): void {
    // Signal first: closing the socket first lets a CLI that reads the 4001 exit cleanly before the signal lands (a
    // preempted server on a loaded machine), and the exit would no longer say it was killed.
    killChild(this.child, signal);
    this.registry.close(this.key);
  }
}
