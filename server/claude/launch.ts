import type { CliExitInfo, CliMessage, CliProcess, CliProcessListener, LaunchOptions, MalformedLineInfo } from "./contracts.ts";
import { spawnSdkUrlCli, type SdkUrlCliProcess, type SdkUrlTarget } from "./sdk-url-transport.ts";
import { spawnStdioCli } from "./stdio-transport.ts";
import { messageOf } from "../../shared/error-message.ts";

/** Launch options; `sdkUrl` is required when `transport` is `sdk-url`. */
export type LaunchCliOptions = LaunchOptions & {
  sdkUrl?: SdkUrlTarget;
  /** How long an sdk-url CLI may take to connect before launch returns anyway (default 15 s). */
  connectTimeoutMs?: number;
  /** When aborted, an sdk-url CLI is not waited for any longer: launch returns its handle at once (to be stopped). */
  signal?: AbortSignal;
};

/** A launched CLI; `fellBackFrom` is set when sdk-url was asked for but the CLI refused it and stdio runs instead. */
export type LaunchedCli = CliProcess & { readonly fellBackFrom?: "sdk-url"; readonly fallbackReason?: string };

/** What a CLI prints when it does not accept `--sdk-url` (2.1.121+ rejects local hosts; older builds lack the flag). */
export const SDK_URL_REFUSAL = /--sdk-url rejected|unknown option.*sdk-url/i;
const CONNECT_TIMEOUT_MS = 15_000;

/** The binary could not be started at all (missing, not executable, bad cwd). */
export class CliLaunchError extends Error {
  readonly code = "cli_launch_failed";
}

/**
 * Starts a CLI on the requested transport. For sdk-url it resolves once the CLI has connected (or after
 * `connectTimeoutMs`); if the CLI exits before connecting and its stderr says it refuses `--sdk-url`, the exit is
 * swallowed and a stdio process is launched in its place, reported via `fellBackFrom` and `fallbackReason`.
 * Rejects with `CliLaunchError` when the binary cannot be spawned.
 */
export async function launchCli(options: LaunchCliOptions, listener: CliProcessListener): Promise<LaunchedCli> {
  if (options.transport === "stdio") return spawnOrThrow(() => spawnStdioCli(options, listener));
  const target = options.sdkUrl;
  if (!target) throw new CliLaunchError("the sdk-url transport needs a CLI socket registry and a base URL");
  const gate = new ExitGate(listener);
  const cli = spawnOrThrow(() => spawnSdkUrlCli(options, gate, target));
  if ((await connectOutcome(cli, options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, options.signal)) === "exited") {
    const fallbackReason = sdkUrlRefusal((await cli.exited).stderrTail);
    if (fallbackReason) {
      const stdio = spawnOrThrow(() => spawnStdioCli({ ...options, transport: "stdio" }, listener));
      return Object.assign(stdio, { fellBackFrom: "sdk-url" as const, fallbackReason });
    }
    // Any other early exit is reported before the caller gets a handle, so it never takes a dead process for live.
    gate.open();
    return cli;
  }
  setTimeout(() => gate.open(), 0); // a held exit reaches the listener only after the caller has the handle
  return cli;
}

/** The stderr line that shows the CLI refused `--sdk-url`, or null. */
export function sdkUrlRefusal(stderrTail: string): string | null {
  const line = stderrTail.split("\n").find((candidate) => SDK_URL_REFUSAL.test(candidate));
  return line ? line.trim() : null;
}

/** Whether the CLI connected or exited first; "gave up" after the timeout or when the launch's stop aborts the wait. */
async function connectOutcome(cli: SdkUrlCliProcess, timeoutMs: number, signal: AbortSignal | undefined): Promise<"connected" | "exited" | "gave up"> {
  if (signal?.aborted) return "gave up";
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort = () => {};
  const gaveUp = new Promise<"gave up">((resolve) => {
    timer = setTimeout(() => resolve("gave up"), timeoutMs);
    onAbort = () => resolve("gave up");
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  const connected = cli.connected.then((isConnected): "connected" | "exited" => (isConnected ? "connected" : "exited"));
  return Promise.race([connected, gaveUp]).finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  });
}

function spawnOrThrow<T extends CliProcess>(spawn: () => T): T {
  try {
    return spawn();
  } catch (error) {
    const detail = messageOf(error);
    throw new CliLaunchError(`could not start the Claude Code CLI: ${detail}`, { cause: error });
  }
}

/** Passes everything through but holds `onExit` until `open()`, so a refused sdk-url attempt stays invisible. */
class ExitGate implements CliProcessListener {
  private isOpen = false;
  private heldExit: CliExitInfo | null = null;

  constructor(private readonly listener: CliProcessListener) {}

  onMessage(message: CliMessage): void {
    this.listener.onMessage(message);
  }
  onBatchEnd(): void {
    this.listener.onBatchEnd();
  }
  onMalformedLine(info: MalformedLineInfo): void {
    this.listener.onMalformedLine(info);
  }
  onReattach(): void {
    this.listener.onReattach?.();
  }
  onExit(info: CliExitInfo): void {
    if (this.isOpen) this.listener.onExit(info);
    else this.heldExit = info;
  }

  /** From now on exits reach the listener; one that already happened is delivered now. */
  open(): void {
    this.isOpen = true;
    if (this.heldExit) this.listener.onExit(this.heldExit);
    this.heldExit = null;
  }
}
